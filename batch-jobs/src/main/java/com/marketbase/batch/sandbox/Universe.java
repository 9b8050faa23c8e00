package com.marketbase.batch.sandbox;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The instruments the sandbox serves, generated from the seed: A-shares on the three
 * exchanges, the major indexes, ETFs, index futures, SGE spot, FX pairs and OTC funds.
 */
final class Universe {

	private static final String[][] INDEXES = { { "000001.SH", "上证指数", "SSE" }, { "000300.SH", "沪深300", "SSE" },
			{ "000905.SH", "中证500", "SSE" }, { "000688.SH", "科创50", "SSE" }, { "399001.SZ", "深证成指", "SZSE" },
			{ "399006.SZ", "创业板指", "SZSE" }, { "899050.BJ", "北证50", "BSE" } };

	private static final String[][] ETFS = { { "510300.SH", "沪深300ETF" }, { "510500.SH", "中证500ETF" },
			{ "518880.SH", "黄金ETF" }, { "588000.SH", "科创50ETF" }, { "159915.SZ", "创业板ETF" },
			{ "159919.SZ", "沪深300ETF嘉实" } };

	private static final String[] OTHERS = { "IF2412.CFX:沪深300股指2412:CFFEX:FUTURE",
			"IC2412.CFX:中证500股指2412:CFFEX:FUTURE", "IF2503.CFX:沪深300股指2503:CFFEX:FUTURE", "Au99.99:黄金99.99:SGE:SPOT",
			"Au(T+D):黄金延期:SGE:SPOT", "Ag(T+D):白银延期:SGE:SPOT", "USDCNH.FXCM:美元离岸人民币:FXCM:FX",
			"EURUSD.FXCM:欧元美元:FXCM:FX" };

	private final Map<String, SimulatedInstrument> bySymbol = new LinkedHashMap<>();

	Universe(SandboxSettings settings) {
		SplittableRandom random = new SplittableRandom(settings.seed());
		addStocks(settings.stocks(), random);
		for (String[] index : INDEXES) {
			add(new SimulatedInstrument(index[0], index[1], index[2], InstrumentKind.INDEX, LocalDate.of(2005, 1, 4), 1,
					2_000_000 + random.nextLong(2_000_000)));
		}
		for (int i = 0; i < settings.etfs(); i++) {
			String symbol = (i < ETFS.length) ? ETFS[i][0] : String.format("5%05d.SH", 12000 + i);
			String name = (i < ETFS.length) ? ETFS[i][1] : "沙盒ETF" + i;
			String exchange = symbol.endsWith(".SH") ? "SSE" : "SZSE";
			add(new SimulatedInstrument(symbol, name, exchange, InstrumentKind.ETF, LocalDate.of(2015, 1, 5), 1,
					800 + random.nextLong(5000)));
		}
		for (String other : OTHERS) {
			String[] parts = other.split(":");
			InstrumentKind kind = InstrumentKind.valueOf(parts[3]);
			long start = switch (kind) {
				case FUTURE -> 3_500_000 + random.nextLong(2_000_000);
				case SPOT -> parts[0].startsWith("Au") ? 480_000 : 6_000;
				default -> 7_000 + random.nextLong(1_000);
			};
			add(new SimulatedInstrument(parts[0], parts[1], parts[2], kind, LocalDate.of(2010, 1, 4),
					(kind == InstrumentKind.FUTURE) ? 200 : 10, start));
		}
		for (int i = 0; i < settings.funds(); i++) {
			boolean money = i % 5 == 4;
			String code = String.format("%06d", 1 + i * 7);
			add(new SimulatedInstrument(code + ".OF", (money ? "沙盒货币" : "沙盒成长混合") + i, "OTC",
					money ? InstrumentKind.MONEY_FUND : InstrumentKind.FUND,
					LocalDate.of(2020, 1, 2).plusDays(random.nextInt(1800)), 1, 10_000 + random.nextLong(20_000)));
		}
	}

	private void addStocks(int count, SplittableRandom random) {
		// Shares of the market: 45 % Shanghai, 45 % Shenzhen, 10 % Beijing, with the
		// boards
		// inside each exchange in roughly their real proportions.
		int beijing = count / 10;
		int shanghai = (count - beijing) / 2;
		int shenzhen = count - beijing - shanghai;
		addBlock(random, shanghai, "SSE", ".SH", new int[] { 600000, 601000, 603000, 688000 },
				new int[] { 40, 15, 25, 20 });
		addBlock(random, shenzhen, "SZSE", ".SZ", new int[] { 1, 2001, 300001 }, new int[] { 30, 35, 35 });
		addBlock(random, beijing, "BSE", ".BJ", new int[] { 920001 }, new int[] { 100 });
	}

	private void addBlock(SplittableRandom random, int count, String exchange, String suffix, int[] starts,
			int[] weights) {
		int assigned = 0;
		for (int board = 0; board < starts.length; board++) {
			int size = (board == starts.length - 1) ? count - assigned : count * weights[board] / 100;
			for (int i = 0; i < size; i++) {
				String symbol = String.format("%06d", starts[board] + i) + suffix;
				// Most stocks listed before the sandbox's history starts; some list
				// during it.
				LocalDate listDate = (random.nextInt(20) == 0) ? LocalDate.of(2024, 1, 2).plusDays(random.nextInt(900))
						: LocalDate.of(1995, 1, 3).plusDays(random.nextInt(10_500));
				long price = 10 * (300 + random.nextLong(6000));
				add(new SimulatedInstrument(symbol, "沙盒" + exchange.charAt(1) + (bySymbolSize() + 1), exchange,
						InstrumentKind.STOCK, listDate, 10, price));
			}
			assigned += size;
		}
	}

	private int bySymbolSize() {
		return this.bySymbol.size();
	}

	private void add(SimulatedInstrument instrument) {
		this.bySymbol.put(instrument.symbol(), instrument);
	}

	SimulatedInstrument find(String symbol) {
		return this.bySymbol.get(symbol);
	}

	List<SimulatedInstrument> all() {
		return Collections.unmodifiableList(new ArrayList<>(this.bySymbol.values()));
	}

	List<SimulatedInstrument> of(InstrumentKind kind) {
		return this.bySymbol.values().stream().filter((instrument) -> instrument.kind() == kind).toList();
	}

	/**
	 * Finds an instrument by a TDX code: prefixed ({@code sh000001}) or bare six digits,
	 * which the gateway assigns to an exchange as its {@code AddPrefix} does (so a bare
	 * {@code 000001} is Ping An Bank's Shenzhen code, never the SSE Composite).
	 * @param code the code as sent
	 * @return the instrument, or {@code null}
	 */
	SimulatedInstrument findTdx(String code) {
		if (code.length() == 8) {
			String market = code.substring(0, 2);
			String digits = code.substring(2);
			String suffix = switch (market) {
				case "sh" -> ".SH";
				case "sz" -> ".SZ";
				case "bj" -> ".BJ";
				default -> null;
			};
			return (suffix != null) ? find(digits + suffix) : null;
		}
		if (code.length() != 6) {
			return null;
		}
		String suffix;
		if (code.startsWith("6") || code.startsWith("5")) {
			suffix = ".SH";
		}
		else if (code.startsWith("0") || code.startsWith("3") || code.startsWith("15") || code.startsWith("16")) {
			suffix = ".SZ";
		}
		else if (code.startsWith("92") || code.startsWith("43") || code.startsWith("8")) {
			suffix = ".BJ";
		}
		else {
			return null;
		}
		SimulatedInstrument instrument = find(code + suffix);
		return (instrument != null && instrument.kind() != InstrumentKind.INDEX) ? instrument : null;
	}

}
