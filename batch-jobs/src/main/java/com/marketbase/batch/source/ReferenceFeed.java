package com.marketbase.batch.source;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.marketbase.batch.source.tdx.TdxClient;
import com.marketbase.batch.source.tushare.TushareClient;
import com.marketbase.batch.source.tushare.TushareListings;
import com.marketbase.batch.support.rows.Fetched;
import com.marketbase.batch.warehouse.reference.Listing;
import com.marketbase.batch.warehouse.reference.MarketReference;
import com.marketbase.batch.warehouse.reference.ReferenceItem;
import com.marketbase.batch.warehouse.reference.TradingDay;
import org.jspecify.annotations.Nullable;

/**
 * Reference data (calendars, instrument lists) from one source: Tushare Pro or the
 * sandbox speaking its protocol, or the TDX gateway. Every job that needs a calendar or
 * instruments the warehouse does not know yet reads them here, so they come the same way
 * whatever the job.
 */
public final class ReferenceFeed {

	private final SourceName source;

	private final @Nullable TushareClient tushare;

	private final @Nullable TdxClient tdx;

	private final Set<String> fxPairs;

	ReferenceFeed(SourceName source, @Nullable TushareClient tushare, @Nullable TdxClient tdx, Set<String> fxPairs) {
		this.source = source;
		this.tushare = tushare;
		this.tdx = tdx;
		this.fxPairs = Set.copyOf(fxPairs);
	}

	/**
	 * The FX calendar: FX pairs trade around the clock from Monday to Friday, so every
	 * weekday is open. No source publishes it; it is made here.
	 */
	public static final String FX_CALENDAR = "FXCM";

	private static List<TradingDay> weekdays(LocalDate start, LocalDate end) {
		List<TradingDay> days = new ArrayList<>();
		LocalDate previous = null;
		for (LocalDate day = start.minusDays(3); !day.isAfter(end); day = day.plusDays(1)) {
			boolean open = day.getDayOfWeek().getValue() <= 5;
			if (!day.isBefore(start)) {
				days.add(new TradingDay(FX_CALENDAR, day, open, previous));
			}
			if (open) {
				previous = day;
			}
		}
		return days;
	}

	public SourceName source() {
		return this.source;
	}

	/**
	 * One exchange's calendar, one row per calendar day. TDX has one A-share calendar,
	 * given for SSE and SZSE alike, and knows no day after its last bar.
	 * @param exchange {@code SSE}, {@code SZSE}, or with Tushare also {@code CFFEX},
	 * {@code SHFE}, {@code CZCE}, {@code DCE} or {@code INE}
	 * @param start the first day
	 * @param end the last day
	 * @return the days, oldest first
	 */
	public Fetched<TradingDay> calendar(String exchange, LocalDate start, LocalDate end) {
		if (FX_CALENDAR.equals(exchange)) {
			return new Fetched<>(weekdays(start, end), List.of());
		}
		if (this.tdx != null) {
			List<TradingDay> days = this.tdx.calendar(exchange, start, end);
			return days.isEmpty() ? Fetched.none() : new Fetched<>(days, List.of());
		}
		return tushare().tradeCalendar(exchange, start, end);
	}

	/**
	 * The A-share calendar of a window, for a job whose warehouse does not know it yet.
	 * @param start the first day
	 * @param end the last day
	 * @return the days
	 */
	public List<TradingDay> shareCalendar(LocalDate start, LocalDate end) {
		return calendar(MarketReference.A_SHARE_CALENDAR, start, end).items();
	}

	/**
	 * What a warehouse without instruments needs first: the listed A-shares and the
	 * exchange-traded funds, so that a launch naming either finds it.
	 * @return the listings
	 */
	public List<Listing> sharesAndFunds() {
		List<Listing> listings = new ArrayList<>();
		for (String unit : List.of("stocks:L", "etfs")) {
			instruments(unit).items().forEach((item) -> listings.add((Listing) item));
		}
		return listings;
	}

	/**
	 * One unit of the instrument lists, as {@code kind} or {@code kind:argument}:
	 * {@code stocks:L|D|P}, {@code etfs}, {@code funds} (open-end),
	 * {@code indexes:<market>}, {@code futures:<exchange>}, {@code spot}, {@code fx} or
	 * {@code codes} (the Beijing re-coding). TDX lists what trades now: the listed stocks
	 * and the ETFs, without dates; it answers nothing for the other units.
	 * @param unit the unit
	 * @return what the source listed
	 */
	public Fetched<ReferenceItem> instruments(String unit) {
		String[] parts = unit.split(":", 2);
		String argument = (parts.length > 1) ? parts[1] : "";
		if (this.tdx != null) {
			return switch (unit) {
				case "stocks:L" -> items(tdxStocks());
				case "etfs" -> items(this.tdx.exchangeFunds());
				default -> Fetched.none();
			};
		}
		TushareListings listings = new TushareListings(tushare());
		return switch (parts[0]) {
			case "stocks" -> items(listings.stocks(argument));
			case "etfs" -> items(listings.exchangeFunds());
			case "funds" -> items(listings.openEndFunds());
			case "indexes" -> items(listings.indexes(argument));
			case "futures" -> items(listings.futures(argument));
			case "spot" -> items(listings.spotContracts());
			case "fx" -> items(followed(listings.fxPairs()));
			case "codes" -> items(listings.codeChanges());
			default -> throw new IllegalArgumentException("unknown instrument list " + unit);
		};
	}

	/** The FX pairs of the whitelist; the source lists every pair its broker quotes. */
	private Fetched<Listing> followed(Fetched<Listing> pairs) {
		return new Fetched<>(pairs.items().stream().filter((pair) -> this.fxPairs.contains(pair.symbol())).toList(),
				pairs.rejected());
	}

	private Fetched<Listing> tdxStocks() {
		var stocks = this.tdx.stocks("all");
		return new Fetched<>(stocks.items()
			.stream()
			.map((stock) -> Listing.stock(stock.symbol(), stock.name(), stock.exchange(), null, null, "L"))
			.toList(), stocks.rejected());
	}

	private TushareClient tushare() {
		if (this.tushare == null) {
			throw new IllegalStateException(this.source.displayName() + " has no Tushare protocol");
		}
		return this.tushare;
	}

	private static Fetched<ReferenceItem> items(Fetched<? extends ReferenceItem> fetched) {
		return new Fetched<>(new ArrayList<ReferenceItem>(fetched.items()), fetched.rejected());
	}

}
