package com.marketbase.batch.sandbox;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Deterministic synthetic prices: the same seed gives the same bars, byte for byte.
 * Prices are whole li (1/1000 CNY) on the instrument's tick; volumes are lots of 100
 * shares.
 * <p>
 * Each day is drawn from the previous close alone (only the closes are kept), and its
 * one-minute path is drawn from that day's open, high, low and close, so the minute bars
 * add up to the daily bar exactly: same open, close, high and low, volumes and amounts
 * summing to the day's. Stocks have suspended days (no bars), a few half days (morning
 * only), ex-dividend days (the pre-close drops and the adjustment factor rises) and price
 * limits by board.
 * <p>
 * A non-money fund holds ten of the stocks, fixed weights that add up to its equity share
 * (60 % to 95 %), and its NAV moves each day by their weighted returns plus a small
 * noise, the part of the portfolio it does not disclose. Its published NAV is therefore
 * what an estimate from its disclosed holdings and the day's prices gives, up to that
 * noise and the rounding of the disclosed weights.
 */
final class SyntheticMarket {

	/** How many stocks a fund holds. */
	static final int HOLDINGS = 10;

	/**
	 * The standard deviation of a fund's daily noise ε, the return of the part of its
	 * portfolio it does not disclose, as a fraction of its NAV.
	 */
	static final double FUND_NOISE = 0.0006;

	/**
	 * The bound on ε in standard deviations: the draw is clipped there, so that an
	 * estimate from the disclosed holdings is within a known distance of the NAV on every
	 * day, not on nearly every day.
	 */
	static final double FUND_NOISE_CLIP = 4;

	private static final LocalTime OPENING = LocalTime.of(9, 30);

	private final long seed;

	private final List<SimulatedInstrument> fundStocks;

	private final Map<String, int[]> closes = new ConcurrentHashMap<>();

	private final Map<String, List<Holding>> holdings = new ConcurrentHashMap<>();

	private final Map<String, int[]> navs = new ConcurrentHashMap<>();

	/**
	 * A market.
	 * @param seed the seed of every draw
	 * @param fundStocks the stocks funds pick their holdings from, in a fixed order;
	 * empty for a market that is never asked for a fund's NAV
	 */
	SyntheticMarket(long seed, List<SimulatedInstrument> fundStocks) {
		this.seed = seed;
		this.fundStocks = List.copyOf(fundStocks);
	}

	/**
	 * The day bar of an instrument.
	 * @param instrument the instrument
	 * @param date the day
	 * @return the bar, or {@code null} when the instrument did not trade that day
	 */
	DayBar day(SimulatedInstrument instrument, LocalDate date) {
		int index = TradingCalendar.indexOf(date);
		if (index < 0) {
			return null;
		}
		Draw draw = drawOf(instrument, index);
		if (draw == null || draw.suspended) {
			return null;
		}
		long amount = 0;
		for (MinuteBar bar : minutePath(instrument, index, draw)) {
			amount += bar.amountLi();
		}
		return new DayBar(instrument.symbol(), date, draw.open, draw.high, draw.low, draw.close, draw.preClose,
				draw.lots, amount, adjustmentFactor(instrument, index), draw.halfDay);
	}

	/**
	 * Whether a listed instrument was suspended on a trading day: the days on which
	 * {@link #day} has no bar although the instrument was listed.
	 * @param instrument the instrument
	 * @param date the day
	 * @return true on a suspended day
	 */
	boolean suspended(SimulatedInstrument instrument, LocalDate date) {
		int index = TradingCalendar.indexOf(date);
		if (index < 0) {
			return false;
		}
		Draw draw = drawOf(instrument, index);
		return draw != null && draw.suspended;
	}

	/**
	 * The one-minute bars of a day in Tushare's layout: the 09:30 opening-auction bar,
	 * then 09:31..11:30 and 13:01..15:00 (only the morning on a half day), labelled by
	 * their end.
	 * @param instrument the instrument
	 * @param date the day
	 * @return the bars, oldest first; none when the instrument did not trade
	 */
	List<MinuteBar> minutes(SimulatedInstrument instrument, LocalDate date) {
		int index = TradingCalendar.indexOf(date);
		if (index < 0) {
			return List.of();
		}
		Draw draw = drawOf(instrument, index);
		if (draw == null || draw.suspended) {
			return List.of();
		}
		return minutePath(instrument, index, draw);
	}

	/**
	 * The cumulative adjustment factor on a day: 1 at the start of the sandbox's history,
	 * multiplied by (previous close / pre-close) on every ex-dividend day.
	 * @param instrument the instrument
	 * @param index the trading-day index
	 * @return the factor, rounded to six decimals
	 */
	double adjustmentFactor(SimulatedInstrument instrument, int index) {
		int[] chain = closes(instrument);
		double factor = 1.0;
		for (int i = 1; i <= index; i++) {
			int ratio = dividendPerMille(instrument, i);
			if (ratio > 0 && chain[i - 1] > 0) {
				long preClose = preClose(instrument, chain[i - 1], ratio);
				factor *= (double) chain[i - 1] / preClose;
			}
		}
		return Math.round(factor * 1_000_000) / 1_000_000.0;
	}

	/**
	 * The unit NAV of a fund (in 1/10000 CNY) or, for a money-market fund, its income per
	 * 10,000 units (in 1/10000 CNY), on a trading day.
	 * <p>
	 * A non-money fund's NAV follows its holdings: NAV<sub>t</sub> = NAV<sub>t-1</sub>
	 * &times; (1 + &Sigma; w<sub>i</sub> r<sub>i,t</sub> + &epsilon;<sub>t</sub>),
	 * rounded, at least 0.3 CNY, where r<sub>i,t</sub> is a holding's close over its
	 * pre-close (adjusted for a dividend, as the day bar has it), less 1, or 0 on a day
	 * without a bar, and &epsilon;<sub>t</sub> is drawn from N(0, {@value #FUND_NOISE})
	 * clipped at {@value #FUND_NOISE_CLIP} standard deviations. The day before the
	 * sandbox's first day it stands at the fund's start value.
	 * @param fund the fund
	 * @param index the trading-day index
	 * @return the value, or 0 before the fund's inception
	 */
	long fundValue(SimulatedInstrument fund, int index) {
		if (TradingCalendar.openDays().get(index).isBefore(fund.listDate())) {
			return 0;
		}
		if (fund.kind() == InstrumentKind.MONEY_FUND) {
			return 3000 + random(fund.symbol(), index, 7).nextLong(3500);
		}
		return navs(fund)[index];
	}

	/**
	 * The stocks a non-money fund holds, the same on every day: ten of the market's
	 * stocks listed before the fund (fewer in a universe too small to have ten), drawn
	 * from the seed and the fund's code, with weights adding up to its equity share, from
	 * 0.60 to 0.95.
	 * @param fund the fund
	 * @return the holdings, largest first; none for a money-market fund
	 */
	List<Holding> holdings(SimulatedInstrument fund) {
		if (fund.kind() != InstrumentKind.FUND) {
			return List.of();
		}
		return this.holdings.computeIfAbsent(fund.symbol(), (symbol) -> {
			List<SimulatedInstrument> candidates = this.fundStocks.stream()
				.filter((stock) -> stock.listDate().isBefore(fund.listDate()))
				.toList();
			SplittableRandom random = random(symbol, 0, 10);
			int[] order = new int[candidates.size()];
			for (int i = 0; i < order.length; i++) {
				order[i] = i;
			}
			int count = Math.min(HOLDINGS, order.length);
			// The first draws of a Fisher-Yates shuffle: distinct picks, each equally
			// likely.
			double[] raw = new double[count];
			double total = 0;
			for (int k = 0; k < count; k++) {
				int pick = k + random.nextInt(order.length - k);
				int kept = order[k];
				order[k] = order[pick];
				order[pick] = kept;
				raw[k] = 0.3 + random.nextDouble();
				total += raw[k];
			}
			double equityShare = 0.60 + 0.35 * random.nextDouble();
			List<Holding> picked = new ArrayList<>(count);
			for (int k = 0; k < count; k++) {
				picked.add(new Holding(candidates.get(order[k]), equityShare * raw[k] / total));
			}
			picked.sort(Comparator.comparingDouble(Holding::weight).reversed().thenComparing(Holding::symbol));
			return List.copyOf(picked);
		});
	}

	/**
	 * What a non-money fund's holdings make of its NAV at a moment of a trading day:
	 * NAV<sub>t-1</sub> &times; (1 + &Sigma; w<sub>i</sub> r<sub>i</sub>), where
	 * r<sub>i</sub> is the close of the holding's last one-minute bar ending at or before
	 * that moment (the 09:30 auction bar from 09:30) over its pre-close, less 1, and 0
	 * before 09:30 or on a day without bars. At 15:00 it differs from the day's NAV by
	 * &epsilon; and the rounding only.
	 * @param fund the fund
	 * @param index the trading-day index
	 * @param at the moment, Beijing time
	 * @return the estimate, in 1/10000 CNY
	 */
	long fundEstimate(SimulatedInstrument fund, int index, LocalTime at) {
		long previous = (index == 0) ? fund.startLi() : navs(fund)[index - 1];
		if (at.isBefore(OPENING)) {
			return previous;
		}
		double move = 0;
		for (Holding holding : holdings(fund)) {
			Draw draw = drawOf(holding.stock(), index);
			if (draw == null || draw.suspended) {
				continue;
			}
			long last = draw.open;
			for (MinuteBar bar : minutePath(holding.stock(), index, draw)) {
				if (bar.end().toLocalTime().isAfter(at)) {
					break;
				}
				last = bar.close();
			}
			move += holding.weight() * ((double) last / draw.preClose - 1);
		}
		return Math.round(previous * (1 + move));
	}

	/**
	 * The 7-day annualized yield of a money-market fund, in 1/1000 percent.
	 * @param fund the fund
	 * @param index the trading-day index
	 * @return the yield
	 */
	long sevenDayYield(SimulatedInstrument fund, int index) {
		return 1200 + random(fund.symbol(), index, 8).nextLong(1000);
	}

	private int[] closes(SimulatedInstrument instrument) {
		return this.closes.computeIfAbsent(instrument.symbol(), (symbol) -> {
			int[] chain = new int[TradingCalendar.openDays().size()];
			long close = instrument.startLi();
			for (int i = 0; i < chain.length; i++) {
				Draw draw = draw(instrument, i, close, false);
				if (draw != null && !draw.suspended) {
					close = draw.close;
				}
				chain[i] = (int) close;
			}
			return chain;
		});
	}

	/**
	 * A fund's NAV on every trading day, from its start value before the first; kept, as
	 * each day needs the one before and every holding's day.
	 */
	private int[] navs(SimulatedInstrument fund) {
		return this.navs.computeIfAbsent(fund.symbol(), (symbol) -> {
			List<Holding> held = holdings(fund);
			int days = TradingCalendar.openDays().size();
			double[] moves = new double[days];
			for (Holding holding : held) {
				int[] chain = closes(holding.stock());
				for (int i = 0; i < days; i++) {
					Draw draw = draw(holding.stock(), i, (i == 0) ? holding.stock().startLi() : chain[i - 1], false);
					if (draw != null && !draw.suspended) {
						moves[i] += holding.weight() * ((double) draw.close / draw.preClose - 1);
					}
				}
			}
			int[] navs = new int[days];
			long nav = fund.startLi();
			double bound = FUND_NOISE_CLIP * FUND_NOISE;
			for (int i = 0; i < days; i++) {
				double noise = Math.max(-bound, Math.min(bound, random(symbol, i, 9).nextGaussian() * FUND_NOISE));
				nav = Math.max(3000, Math.round(nav * (1 + moves[i] + noise)));
				navs[i] = (int) nav;
			}
			return navs;
		});
	}

	/** The draw of a day, from the close before it. */
	private Draw drawOf(SimulatedInstrument instrument, int index) {
		long previousClose = (index == 0) ? instrument.startLi() : closes(instrument)[index - 1];
		return draw(instrument, index, previousClose, true);
	}

	/**
	 * The draw of a day; without {@code whole}, only as far as its close (on a suspended
	 * day, its suspension), which is all a chain of closes needs: the high, low and
	 * volume are drawn after the close from the same generator, so leaving them out
	 * changes nothing before them. A chain draws every day of every instrument asked for.
	 */
	private Draw draw(SimulatedInstrument instrument, int index, long previousClose, boolean whole) {
		LocalDate date = TradingCalendar.openDays().get(index);
		if (!instrument.listedOn(date)) {
			return null;
		}
		SplittableRandom random = random(instrument.symbol(), index, 1);
		boolean stock = instrument.kind() == InstrumentKind.STOCK;
		Draw draw = new Draw();
		draw.suspended = stock && (random.nextInt(250) == 0 || longSuspension(instrument, index));
		if (draw.suspended && !whole) {
			return draw;
		}
		draw.halfDay = stock && !draw.suspended && random.nextInt(400) == 0;
		int dividend = dividendPerMille(instrument, index);
		draw.preClose = (dividend > 0) ? preClose(instrument, previousClose, dividend) : previousClose;
		long tick = instrument.tickLi();
		double limit = instrument.limitPercent() / 100.0;
		long up = Math.max(tick, (long) Math.floor(draw.preClose * (1 + limit) / tick) * tick);
		long down = Math.max(tick, (long) Math.ceil(draw.preClose * (1 - limit) / tick) * tick);
		double volatility = (instrument.kind() == InstrumentKind.INDEX) ? 0.011 : 0.019;
		draw.open = clamp(onTick(draw.preClose * (1 + random.nextGaussian() * volatility / 3), tick), down, up);
		draw.close = clamp(onTick(draw.open * Math.exp(random.nextGaussian() * volatility), tick), down, up);
		if (!whole) {
			return draw;
		}
		long top = Math.max(draw.open, draw.close);
		long bottom = Math.min(draw.open, draw.close);
		draw.high = clamp(onTick(top * (1 + Math.abs(random.nextGaussian()) * volatility / 2), tick), top, up);
		draw.low = clamp(onTick(bottom * (1 - Math.abs(random.nextGaussian()) * volatility / 2), tick), down, bottom);
		long typicalLots = switch (instrument.kind()) {
			case INDEX -> 200_000_000;
			case ETF -> 3_000_000;
			default -> 20_000 + Math.floorMod(instrument.symbol().hashCode(), 400_000);
		};
		draw.lots = Math.max(500, Math.round(typicalLots * Math.exp(random.nextGaussian() * 0.4)));
		if (draw.halfDay) {
			draw.lots /= 2;
		}
		return draw;
	}

	private boolean longSuspension(SimulatedInstrument instrument, int index) {
		int start = Math.floorMod(instrument.symbol().hashCode() * 31 + (int) this.seed, 5000);
		return start < TradingCalendar.openDays().size() && Math.floorMod(instrument.symbol().hashCode(), 97) == 0
				&& index >= start && index < start + 20;
	}

	/**
	 * The cash dividend of an ex-dividend day, in per mille of the previous close; 0 on
	 * other days. Most stocks go ex-dividend once a year in June or July.
	 */
	private int dividendPerMille(SimulatedInstrument instrument, int index) {
		if (instrument.kind() != InstrumentKind.STOCK) {
			return 0;
		}
		LocalDate date = TradingCalendar.openDays().get(index);
		// The ex-date is drawn from June 1 to July 25, so no other month needs the draw.
		if (date.getMonthValue() < 6 || date.getMonthValue() > 7) {
			return 0;
		}
		SplittableRandom yearly = random(instrument.symbol(), date.getYear(), 3);
		if (yearly.nextInt(10) >= 7) {
			return 0;
		}
		LocalDate exDate = LocalDate.of(date.getYear(), 6, 1).plusDays(yearly.nextInt(55));
		if (!date.equals(exDate)) {
			return 0;
		}
		return 5 + yearly.nextInt(25);
	}

	private static long preClose(SimulatedInstrument instrument, long previousClose, int dividendPerMille) {
		long tick = instrument.tickLi();
		return Math.max(tick, onTick(previousClose * (1000 - dividendPerMille) / 1000.0, tick));
	}

	private List<MinuteBar> minutePath(SimulatedInstrument instrument, int index, Draw draw) {
		SplittableRandom random = random(instrument.symbol(), index, 2);
		int bars = draw.halfDay ? 120 : 240;
		long tick = instrument.tickLi();
		double[] walk = new double[bars + 1];
		for (int k = 1; k <= bars; k++) {
			walk[k] = walk[k - 1] + random.nextGaussian();
		}
		double min = Double.MAX_VALUE;
		double max = -Double.MAX_VALUE;
		for (int k = 0; k <= bars; k++) {
			walk[k] -= walk[bars] * k / bars;
			min = Math.min(min, walk[k]);
			max = Math.max(max, walk[k]);
		}
		double scale = (max > min) ? 0.8 * (draw.high - draw.low) / (max - min) : 0;
		long[] price = new long[bars + 1];
		int highest = 1;
		int lowest = 1;
		for (int k = 0; k <= bars; k++) {
			double trend = draw.open + (double) (draw.close - draw.open) * k / bars;
			price[k] = clamp(onTick(trend + scale * walk[k], tick), draw.low, draw.high);
			if (k > 0 && k < bars) {
				highest = (price[k] > price[highest]) ? k : highest;
				lowest = (price[k] < price[lowest]) ? k : lowest;
			}
		}
		price[0] = draw.open;
		price[bars] = draw.close;
		if (highest == lowest) {
			lowest = (highest == 1) ? 2 : 1;
		}
		price[highest] = draw.high;
		price[lowest] = draw.low;
		long auctionLots = Math.max(1, draw.lots / 50);
		long[] lots = spread(draw.lots - auctionLots, bars, random);
		LocalDate date = TradingCalendar.openDays().get(index);
		List<MinuteBar> path = new ArrayList<>(bars + 1);
		path.add(new MinuteBar(date.atTime(9, 30), draw.open, draw.open, draw.open, draw.open, auctionLots,
				auctionLots * 100 * draw.open));
		for (int k = 1; k <= bars; k++) {
			long open = price[k - 1];
			long close = price[k];
			long high = Math.max(open, close);
			long low = Math.min(open, close);
			long shares = lots[k - 1] * 100;
			path.add(new MinuteBar(barEnd(date, k), open, high, low, close, lots[k - 1], shares * (open + close) / 2));
		}
		return path;
	}

	/** Spreads lots over the bars, heavier at the open and the close, summing exactly. */
	private static long[] spread(long total, int bars, SplittableRandom random) {
		double[] weights = new double[bars];
		double sum = 0;
		for (int k = 0; k < bars; k++) {
			double u = Math.abs((k + 0.5) / bars - 0.5) * 2;
			weights[k] = (0.5 + u * u) * (0.5 + random.nextDouble());
			sum += weights[k];
		}
		long[] lots = new long[bars];
		long assigned = 0;
		for (int k = 0; k < bars; k++) {
			lots[k] = (long) Math.floor(total * weights[k] / sum);
			assigned += lots[k];
		}
		lots[bars - 1] += total - assigned;
		return lots;
	}

	/**
	 * The end of the k-th continuous-trading minute (1-based): 09:31..11:30,
	 * 13:01..15:00.
	 */
	static LocalDateTime barEnd(LocalDate date, int k) {
		LocalTime time = (k <= 120) ? LocalTime.of(9, 30).plusMinutes(k) : LocalTime.of(13, 0).plusMinutes(k - 120);
		return date.atTime(time);
	}

	private SplittableRandom random(String symbol, int index, int salt) {
		long mixed = this.seed * 0x9E3779B97F4A7C15L + symbol.hashCode() * 0xC2B2AE3D27D4EB4FL
				+ index * 0x165667B19E3779F9L + salt * 0x27D4EB2F165667C5L;
		return new SplittableRandom(mixed);
	}

	private static long onTick(double li, long tick) {
		return Math.round(li / tick) * tick;
	}

	private static long clamp(long value, long low, long high) {
		return Math.max(low, Math.min(high, value));
	}

	private static final class Draw {

		boolean suspended;

		boolean halfDay;

		long preClose;

		long open;

		long high;

		long low;

		long close;

		long lots;

	}

	/**
	 * A day bar, prices in li.
	 *
	 * @param symbol the instrument
	 * @param date the day
	 * @param open opening price
	 * @param high highest price
	 * @param low lowest price
	 * @param close closing price
	 * @param preClose previous close, adjusted for an ex-dividend day
	 * @param lots volume in lots
	 * @param amountLi value traded in li
	 * @param adjustmentFactor the cumulative adjustment factor
	 * @param halfDay whether only the morning traded
	 */
	record DayBar(String symbol, LocalDate date, long open, long high, long low, long close, long preClose, long lots,
			long amountLi, double adjustmentFactor, boolean halfDay) {
	}

	/**
	 * One stock a fund holds.
	 *
	 * @param stock the stock
	 * @param weight its share of the fund's net assets, 0..1
	 */
	record Holding(SimulatedInstrument stock, double weight) {

		String symbol() {
			return this.stock.symbol();
		}

	}

	/**
	 * A one-minute bar, prices in li, labelled by its end.
	 *
	 * @param end the end of the minute, Beijing time
	 * @param open opening price
	 * @param high highest price
	 * @param low lowest price
	 * @param close closing price
	 * @param lots volume in lots
	 * @param amountLi value traded in li
	 */
	record MinuteBar(LocalDateTime end, long open, long high, long low, long close, long lots, long amountLi) {
	}

}
