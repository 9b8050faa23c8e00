package com.marketbase.batch.job.reference;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.marketbase.batch.sandbox.Sandbox;
import com.marketbase.batch.sandbox.SandboxSettings;
import com.marketbase.batch.source.Fetched;
import com.marketbase.batch.source.Instrument;
import com.marketbase.batch.source.Listing;
import com.marketbase.batch.source.ReferenceItem;
import com.marketbase.batch.source.Secret;
import com.marketbase.batch.source.SourceStates;
import com.marketbase.batch.source.TradingDay;
import com.marketbase.batch.source.tdx.TdxClient;
import com.marketbase.batch.source.tushare.TushareClient;
import com.marketbase.batch.source.tushare.TushareListings;

import org.springframework.beans.factory.ObjectProvider;

/**
 * Reads reference data (calendars, instrument lists) from the source a launch names: the
 * configured Tushare or TDX connector, or the embedded sandbox spoken to through the real
 * Tushare connector.
 */
public class ReferenceSources {

	/** The sources a reference launch may name. */
	public static final Set<String> NAMES = Set.of("tushare", "tdx", "sandbox");

	private final ObjectProvider<TushareClient> tushare;

	private final ObjectProvider<TdxClient> tdx;

	private final ObjectProvider<Sandbox> sandbox;

	private final SourceStates states;

	public ReferenceSources(ObjectProvider<TushareClient> tushare, ObjectProvider<TdxClient> tdx,
			ObjectProvider<Sandbox> sandbox, SourceStates states) {
		this.tushare = tushare;
		this.tdx = tdx;
		this.sandbox = sandbox;
		this.states = states;
	}

	/**
	 * Reads a source name as a person typed it.
	 * @param given the name, or {@code null}
	 * @param defaultSource the source when none is given
	 * @return the name, lower case
	 * @throws IllegalArgumentException when the source is unknown
	 */
	public static String source(String given, String defaultSource) {
		String typed = (given != null) ? given : defaultSource;
		String source = typed.toLowerCase(Locale.ROOT);
		if (!NAMES.contains(source)) {
			throw new IllegalArgumentException("Unknown source '" + typed + "'; use tushare, tdx or sandbox.");
		}
		return source;
	}

	/**
	 * One exchange's calendar, one row per calendar day. TDX has one A-share calendar,
	 * given for SSE and SZSE alike.
	 * @param source the source
	 * @param exchange {@code SSE}, {@code SZSE}, or with Tushare also {@code CFFEX},
	 * {@code SHFE}, {@code CZCE}, {@code DCE} or {@code INE}
	 * @param start the first day
	 * @param end the last day
	 * @return the days, oldest first
	 */
	public Fetched<TradingDay> calendar(String source, String exchange, LocalDate start, LocalDate end) {
		if (source.equals("tdx")) {
			return tdxCalendar(exchange, start, end);
		}
		return tushare(source).tradeCalendar(exchange, start, end);
	}

	/**
	 * The A-shares with one Tushare listing status. TDX lists only what trades now, so it
	 * answers the listed ones and nothing for the others.
	 * @param source the source
	 * @param listStatus {@code L}, {@code D} or {@code P}
	 * @return the stocks, by code
	 */
	public Fetched<Instrument> stocks(String source, String listStatus) {
		if (source.equals("tdx")) {
			return listStatus.equals("L") ? this.tdx.getObject().stocks("all") : Fetched.none();
		}
		return tushare(source).stocks(listStatus);
	}

	/**
	 * One unit of the instrument lists, as {@code kind} or {@code kind:argument}:
	 * {@code stocks:L|D|P}, {@code etfs}, {@code indexes:<market>},
	 * {@code futures:<exchange>}, {@code spot}, {@code fx} or {@code codes} (the Beijing
	 * re-coding). TDX lists what trades now: the listed stocks and the ETFs, without
	 * dates; it answers nothing for the other units.
	 * @param source the source
	 * @param unit the unit
	 * @return what the source listed
	 */
	public Fetched<ReferenceItem> instruments(String source, String unit) {
		String[] parts = unit.split(":", 2);
		String argument = (parts.length > 1) ? parts[1] : "";
		if (source.equals("tdx")) {
			return switch (unit) {
				case "stocks:L" -> items(tdxStocks());
				case "etfs" -> items(this.tdx.getObject().exchangeFunds());
				default -> Fetched.none();
			};
		}
		TushareListings listings = new TushareListings(tushare(source));
		return switch (parts[0]) {
			case "stocks" -> items(listings.stocks(argument));
			case "etfs" -> items(listings.exchangeFunds());
			case "indexes" -> items(listings.indexes(argument));
			case "futures" -> items(listings.futures(argument));
			case "spot" -> items(listings.spotContracts());
			case "fx" -> items(listings.fxPairs());
			case "codes" -> items(listings.codeChanges());
			default -> throw new IllegalArgumentException("unknown instrument list " + unit);
		};
	}

	private Fetched<Listing> tdxStocks() {
		Fetched<Instrument> stocks = this.tdx.getObject().stocks("all");
		return new Fetched<>(stocks.items()
			.stream()
			.map((stock) -> Listing.stock(stock.symbol(), stock.name(), stock.exchange(), null, null, "L"))
			.toList(), stocks.rejected());
	}

	private static Fetched<ReferenceItem> items(Fetched<? extends ReferenceItem> fetched) {
		return new Fetched<>(new ArrayList<ReferenceItem>(fetched.items()), fetched.rejected());
	}

	// TDX knows open days up to the last one with bars; see TdxClient#calendar.
	private Fetched<TradingDay> tdxCalendar(String exchange, LocalDate start, LocalDate end) {
		List<TradingDay> days = this.tdx.getObject().calendar(exchange, start, end);
		return days.isEmpty() ? Fetched.none() : new Fetched<>(days, List.of());
	}

	// The sandbox keeps its own per-token quota; the warehouse's Tushare quota is for the
	// real service and does not apply.
	private TushareClient tushare(String source) {
		if (source.equals("tushare")) {
			return this.tushare.getObject();
		}
		return TushareClient.unmetered(this.sandbox.getObject().baseUrl(), Secret.of(SandboxSettings.TOKEN),
				this.states);
	}

}
