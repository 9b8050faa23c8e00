package com.marketbase.batch.sandbox;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The instruments the sandbox serves, generated from the seed: A-shares on the three
 * exchanges, the major indexes, ETFs, index futures, SGE spot, FX pairs and OTC funds.
 * <p>
 * After those come the listing cases, drawn from a random stream of their own so that
 * everything before them stays as it was: delisted and paused stocks (their bars stop
 * before the day), renamed stocks, Beijing stocks re-coded from their legacy 43/83/87
 * codes to 920 codes on {@value #BSE_RECODING}, and commodity and index futures contracts
 * that list and expire inside the sandbox's history.
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

	private static final String[] MORE_FX = { "USDJPY.FXCM:美元日元:150000", "GBPUSD.FXCM:英镑美元:1270",
			"AUDUSD.FXCM:澳元美元:660", "USDHKD.FXCM:美元港币:7800" };

	/** The day the legacy Beijing codes gave way to 920 codes. */
	static final String BSE_RECODING = "2025-10-09";

	// Contracts that list and expire inside the sandbox's history: code, name, exchange,
	// tick in li.
	private static final String[] CONTRACTS = { "IF2606.CFX:沪深300股指2606:CFFEX:200", "IF2612.CFX:沪深300股指2612:CFFEX:200",
			"RB2605.SHF:螺纹钢2605:SHFE:1000", "M2609.DCE:豆粕2609:DCE:1000", "CF609.ZCE:棉花609:CZCE:5000",
			"SC2612.INE:原油2612:INE:100", "SI2608.GFE:工业硅2608:GFEX:5000" };

	private final Map<String, SimulatedInstrument> bySymbol = new LinkedHashMap<>();

	private final Map<String, Lifecycle> lifecycles = new LinkedHashMap<>();

	private final Map<String, FundStyle> fundStyles = new LinkedHashMap<>();

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
		addListingCases(settings);
		// The rest of the FX pairs the warehouse follows by default, at their levels (in
		// li of the quote currency), drawn from no random stream so that nothing above
		// moves.
		for (String pair : MORE_FX) {
			String[] parts = pair.split(":");
			add(new SimulatedInstrument(parts[0], parts[1], "FXCM", InstrumentKind.FX, LocalDate.of(2010, 1, 4), 1,
					Long.parseLong(parts[2])));
		}
		int position = 0;
		for (SimulatedInstrument fund : this.bySymbol.values()) {
			if (fund.kind() == InstrumentKind.MONEY_FUND) {
				this.fundStyles.put(fund.symbol(), FundStyle.MONEY_MARKET);
			}
			else if (fund.kind() == InstrumentKind.FUND) {
				this.fundStyles.put(fund.symbol(), (position++ % 3 == 0) ? FundStyle.INDEX_LIKE : FundStyle.ACTIVE);
			}
		}
	}

	private void addListingCases(SandboxSettings settings) {
		SplittableRandom random = new SplittableRandom(settings.seed() ^ 0x5EED_CA5EL);
		int beijing = settings.stocks() / 10;
		// Delisted: two Shanghai and two Shenzhen stocks, delisted between March 2024 and
		// September 2026.
		for (int i = 0; i < 4; i++) {
			String symbol = (i < 2) ? freeCode(600900, ".SH") : freeCode(700, ".SZ");
			LocalDate delisted = nextOpen(LocalDate.of(2024, 3, 1).plusDays(random.nextInt(940)));
			addCase(stock(symbol, "沙盒退" + (i + 1), oldListing(random), random, delisted),
					new Lifecycle(Lifecycle.Kind.DELISTED, delisted, null, null, null));
		}
		// Paused: one of each exchange, paused between 2025 and mid-2026.
		for (int i = 0; i < 2; i++) {
			String symbol = (i == 0) ? freeCode(600950, ".SH") : freeCode(750, ".SZ");
			LocalDate paused = nextOpen(LocalDate.of(2025, 1, 2).plusDays(random.nextInt(540)));
			addCase(stock(symbol, "沙盒停" + (i + 1), oldListing(random), random, paused),
					new Lifecycle(Lifecycle.Kind.PAUSED, paused, null, null, null));
		}
		// Renamed: the code and the price history stay, the name changes.
		for (int i = 0; i < 2; i++) {
			String symbol = (i == 0) ? freeCode(603900, ".SH") : freeCode(300900, ".SZ");
			LocalDate renamed = nextOpen(LocalDate.of(2024, 6, 3).plusDays(random.nextInt(700)));
			addCase(stock(symbol, "沙盒新名" + (i + 1), oldListing(random), random, null),
					new Lifecycle(Lifecycle.Kind.RENAMED, renamed, null, "沙盒旧名" + (i + 1), null));
		}
		// Re-coded Beijing stocks: the legacy code trades until the change, the 920 code
		// from it, continuing the price.
		LocalDate change = LocalDate.parse(BSE_RECODING);
		// Only the legacy codes' prices are asked of it, never a fund's NAV.
		SyntheticMarket market = new SyntheticMarket(settings.seed(), List.of());
		String[] legacyPrefixes = { "43", "83", "87" };
		for (int i = 0; i < legacyPrefixes.length; i++) {
			String legacy = freeCode(Integer.parseInt(legacyPrefixes[i] + "0100") + random.nextInt(800), ".BJ");
			String recoded = freeCode(920001 + beijing, ".BJ");
			LocalDate listed = nextOpen(LocalDate.of(2020, 7, 27).plusDays(random.nextInt(1000)));
			String name = "沙盒北" + (i + 1);
			SimulatedInstrument old = new SimulatedInstrument(legacy, name, "BSE", InstrumentKind.STOCK, listed, 10,
					10 * (300 + random.nextLong(3000)), TradingCalendar.previousOpen(change));
			addCase(old, new Lifecycle(Lifecycle.Kind.RECODED_FROM, change, recoded, null, listed));
			addCase(new SimulatedInstrument(recoded, name, "BSE", InstrumentKind.STOCK, change, 10,
					lastClose(market, old)), new Lifecycle(Lifecycle.Kind.RECODED_TO, change, legacy, null, listed));
		}
		for (String contract : CONTRACTS) {
			String[] parts = contract.split(":");
			LocalDate expiry = expiry(parts[0], parts[2]);
			add(new SimulatedInstrument(parts[0], parts[1], parts[2], InstrumentKind.FUTURE,
					nextOpen(expiry.minusYears(1)), Long.parseLong(parts[3]),
					Long.parseLong(parts[3]) * (2000 + random.nextLong(3000)), expiry));
		}
	}

	private SimulatedInstrument stock(String symbol, String name, LocalDate listed, SplittableRandom random,
			LocalDate stopped) {
		String exchange = symbol.endsWith(".SH") ? "SSE" : "SZSE";
		return new SimulatedInstrument(symbol, name, exchange, InstrumentKind.STOCK, listed, 10,
				10 * (300 + random.nextLong(6000)), (stopped != null) ? TradingCalendar.previousOpen(stopped) : null);
	}

	private static LocalDate oldListing(SplittableRandom random) {
		return nextOpen(LocalDate.of(1998, 1, 5).plusDays(random.nextInt(6000)));
	}

	private void addCase(SimulatedInstrument instrument, Lifecycle lifecycle) {
		add(instrument);
		this.lifecycles.put(instrument.symbol(), lifecycle);
	}

	/** The first code from {@code start} upwards that no instrument uses yet. */
	private String freeCode(int start, String suffix) {
		for (int code = start;; code++) {
			String symbol = String.format("%06d", code) + suffix;
			if (!this.bySymbol.containsKey(symbol)) {
				return symbol;
			}
		}
	}

	private static LocalDate nextOpen(LocalDate day) {
		LocalDate open = day;
		while (!TradingCalendar.isOpen(open)) {
			open = open.plusDays(1);
		}
		return open;
	}

	/** The close of the old code's last trading day, where the new code starts. */
	private static long lastClose(SyntheticMarket market, SimulatedInstrument old) {
		for (LocalDate day = old.lastDay(); !day.isBefore(old.listDate()); day = day.minusDays(1)) {
			SyntheticMarket.DayBar bar = market.day(old, day);
			if (bar != null) {
				return bar.close();
			}
		}
		return old.startLi();
	}

	/**
	 * The last trading day of a futures contract: the third Friday of its month for
	 * CFFEX, the 15th otherwise, moved to the next open day.
	 * @param symbol the contract, for example {@code IF2412.CFX} or {@code CF609.ZCE}
	 * @param exchange its exchange
	 * @return the day
	 */
	static LocalDate expiry(String symbol, String exchange) {
		String digits = symbol.substring(0, symbol.indexOf('.')).replaceAll("[^0-9]", "");
		int yymm = Integer.parseInt(digits);
		int year = (digits.length() == 3) ? 2020 + yymm / 100 : 2000 + yymm / 100;
		LocalDate month = LocalDate.of(year, yymm % 100, 1);
		LocalDate day = exchange.equals("CFFEX") ? month.with(TemporalAdjusters.dayOfWeekInMonth(3, DayOfWeek.FRIDAY))
				: month.withDayOfMonth(15);
		return nextOpen(day);
	}

	/**
	 * The listing case of an instrument.
	 * @param symbol the code
	 * @return its case, or {@code null} for a plainly listed instrument
	 */
	Lifecycle lifecycle(String symbol) {
		return this.lifecycles.get(symbol);
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

	/**
	 * The stocks a fund may hold: those listed plainly, without a listing case (no
	 * delisting, pause, rename or re-coding), so that a holding trades to the end of the
	 * sandbox's history under one code and one name.
	 * @return the stocks, in the universe's order
	 */
	List<SimulatedInstrument> ordinaryStocks() {
		return this.bySymbol.values()
			.stream()
			.filter((instrument) -> instrument.kind() == InstrumentKind.STOCK
					&& !this.lifecycles.containsKey(instrument.symbol()))
			.toList();
	}

	/**
	 * What kind of fund an OTC fund is: every third non-money fund, counted in the
	 * universe's order from the first, tracks an index, and only those have a source
	 * estimate; the other non-money funds are active.
	 * @param fund an OTC fund
	 * @return its style
	 */
	FundStyle fundStyle(SimulatedInstrument fund) {
		FundStyle style = this.fundStyles.get(fund.symbol());
		if (style == null) {
			throw new IllegalArgumentException(fund.symbol() + " is not an OTC fund");
		}
		return style;
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
