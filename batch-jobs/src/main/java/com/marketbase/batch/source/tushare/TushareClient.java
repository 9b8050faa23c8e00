package com.marketbase.batch.source.tushare;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import com.marketbase.batch.warehouse.AdjustmentFactor;
import com.marketbase.batch.warehouse.Bar;
import com.marketbase.batch.warehouse.RealtimeQuote;
import com.marketbase.batch.source.AnswerShape;
import com.marketbase.batch.source.BeijingTime;
import com.marketbase.batch.warehouse.DailyBar;
import com.marketbase.batch.warehouse.FuturesBar;
import com.marketbase.batch.warehouse.FxBar;
import com.marketbase.batch.warehouse.MainContractDay;
import com.marketbase.batch.warehouse.SpotBar;
import com.marketbase.batch.support.rows.Fetched;
import com.marketbase.batch.warehouse.reference.Instrument;
import com.marketbase.batch.source.Json;
import com.marketbase.batch.source.PermanentSourceException;
import com.marketbase.batch.support.rows.RejectedRow;
import com.marketbase.batch.source.Secret;
import com.marketbase.batch.source.SourceGate;
import com.marketbase.batch.source.SourceHttp;
import com.marketbase.batch.source.SourceHttp.Reply;
import com.marketbase.batch.source.SourceName;
import com.marketbase.batch.source.SourceSettings;
import com.marketbase.batch.source.SourceStates;
import com.marketbase.batch.warehouse.DailyValuation;
import com.marketbase.batch.warehouse.FinancialPeriod;
import com.marketbase.batch.warehouse.FundHolding;
import com.marketbase.batch.warehouse.FinancialReport;
import com.marketbase.batch.warehouse.MacroObservation;
import com.marketbase.batch.warehouse.MoneyFlow;
import com.marketbase.batch.warehouse.Suspension;
import com.marketbase.batch.warehouse.reference.TradingDay;
import com.marketbase.batch.source.Units;
import com.marketbase.batch.source.quota.CallQuota;

/**
 * Reads Tushare Pro. Every method returns normalized items sorted oldest first, whatever
 * order the server used, and reads windows that may hit the endpoint's row cap in pieces.
 */
public final class TushareClient {

	/** Per-call row caps as documented; where none is documented, a cautious guess. */
	static final Map<String, Integer> CAPS = Map.ofEntries(Map.entry("trade_cal", 4000), Map.entry("stock_basic", 6000),
			Map.entry("daily", 6000), Map.entry("adj_factor", 2000), Map.entry("stk_mins", 8000),
			Map.entry("idx_mins", 8000), Map.entry("index_daily", 8000), Map.entry("fund_daily", 2000),
			Map.entry("suspend_d", 5000), Map.entry("fut_daily", 2000), Map.entry("fut_mapping", 2000),
			Map.entry("sge_daily", 2000), Map.entry("fx_daily", 1000), Map.entry("daily_basic", 6000),
			Map.entry("moneyflow", 6000), Map.entry("fina_indicator", 100), Map.entry("disclosure_date", 3000),
			Map.entry("cn_gdp", 10000), Map.entry("cn_cpi", 5000), Map.entry("cn_ppi", 5000), Map.entry("cn_m", 5000),
			Map.entry("shibor", 2000), Map.entry("shibor_lpr", 4000), Map.entry("us_tycr", 2000),
			Map.entry("eco_cal", 100), Map.entry("fund_portfolio", 5000));

	/** The columns of a version's key, stored as their own columns. */
	private static final List<String> FINA_KEY = List.of("ts_code", "end_date", "ann_date", "update_flag");

	/**
	 * {@code fina_indicator}'s columns: its default set and {@code update_flag}, which it
	 * sends only on request.
	 */
	static final List<String> FINA_FIELDS = List.of("ts_code", "ann_date", "end_date", "eps", "dt_eps",
			"total_revenue_ps", "revenue_ps", "capital_rese_ps", "surplus_rese_ps", "undist_profit_ps", "extra_item",
			"profit_dedt", "gross_margin", "current_ratio", "quick_ratio", "cash_ratio", "ar_turn", "ca_turn",
			"fa_turn", "assets_turn", "op_income", "ebit", "ebitda", "fcff", "fcfe", "current_exint",
			"noncurrent_exint", "interestdebt", "netdebt", "tangible_asset", "working_capital", "networking_capital",
			"invest_capital", "retained_earnings", "diluted2_eps", "bps", "ocfps", "retainedps", "cfps", "ebit_ps",
			"fcff_ps", "fcfe_ps", "netprofit_margin", "grossprofit_margin", "cogs_of_sales", "expense_of_sales",
			"profit_to_gr", "saleexp_to_gr", "adminexp_of_gr", "finaexp_of_gr", "impai_ttm", "gc_of_gr", "op_of_gr",
			"ebit_of_gr", "roe", "roe_waa", "roe_dt", "roa", "npta", "roic", "roe_yearly", "roa2_yearly",
			"debt_to_assets", "assets_to_eqt", "dp_assets_to_eqt", "ca_to_assets", "nca_to_assets",
			"tbassets_to_totalassets", "int_to_talcap", "eqt_to_talcapital", "currentdebt_to_debt", "longdeb_to_debt",
			"ocf_to_shortdebt", "debt_to_eqt", "eqt_to_debt", "eqt_to_interestdebt", "tangibleasset_to_debt",
			"tangasset_to_intdebt", "tangibleasset_to_netdebt", "ocf_to_debt", "turn_days", "roa_yearly", "roa_dp",
			"fixed_assets", "profit_to_op", "q_saleexp_to_gr", "q_gc_to_gr", "q_roe", "q_dt_roe", "q_npta",
			"q_ocf_to_sales", "basic_eps_yoy", "dt_eps_yoy", "cfps_yoy", "op_yoy", "ebt_yoy", "netprofit_yoy",
			"dt_netprofit_yoy", "ocf_yoy", "roe_yoy", "bps_yoy", "assets_yoy", "eqt_yoy", "tr_yoy", "or_yoy",
			"q_sales_yoy", "q_op_qoq", "equity_yoy", "update_flag");

	/**
	 * {@code fut_daily}'s columns, with the delivery settlement it sends only on request.
	 */
	private static final List<String> FUTURES_FIELDS = List.of("ts_code", "trade_date", "pre_close", "pre_settle",
			"open", "high", "low", "close", "settle", "vol", "amount", "oi", "oi_chg", "delv_settle");

	private static final DateTimeFormatter MINUTE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	private static final LocalTime AUCTION_BAR = LocalTime.of(9, 30);

	private final SourceHttp http;

	private final SourceGate gate;

	private final Secret token;

	private final String path;

	private final SourceName source;

	/**
	 * A client for one token.
	 * @param http the transport, pointing at {@code http://api.tushare.pro} or a sandbox
	 * @param gate quota and retries
	 * @param token the API token
	 */
	public TushareClient(SourceHttp http, SourceGate gate, Secret token) {
		this.http = http;
		this.gate = gate;
		this.token = token;
		this.source = gate.source();
		String basePath = http.baseUrl().getPath();
		this.path = (basePath == null || basePath.isEmpty()) ? "/" : "";
	}

	/**
	 * A client of a server that keeps its own quota, such as the sandbox: direct
	 * connection, the connector's retries, and none of the warehouse's quota, which is
	 * for the real service.
	 * @param source what the server is, for the rows and messages: the sandbox speaks
	 * Tushare's protocol but is not Tushare
	 * @param baseUrl the server
	 * @param token the token it accepts
	 * @param states where the connector's state is reported
	 * @return the client
	 */
	public static TushareClient unmetered(SourceName source, URI baseUrl, Secret token, SourceStates states) {
		SourceSettings settings = SourceSettings.direct(baseUrl);
		return new TushareClient(new SourceHttp(source, settings),
				new SourceGate(source, settings, CallQuota.unlimited(), states), token);
	}

	/**
	 * What this client reads: Tushare Pro, or the sandbox speaking its protocol.
	 * @return the source
	 */
	public SourceName source() {
		return this.source;
	}

	/**
	 * Calls one API once (through quota and retries) and returns its table as sent.
	 * @param apiName the API
	 * @param params its parameters
	 * @param fields the columns wanted, empty for the API's default columns
	 * @return the table
	 */
	public TushareTable call(String apiName, Map<String, Object> params, List<String> fields) {
		if (!this.token.isPresent()) {
			throw new PermanentSourceException(this.source, apiName,
					"no token is configured (set marketbase.sources.tushare.token or TUSHARE_TOKEN)");
		}
		String body = requestBody(apiName, params, fields);
		return this.gate.call(apiName,
				() -> TushareReplies.table(this.source, apiName, this.http.postJson(apiName, this.path, body)));
	}

	private String requestBody(String apiName, Map<String, Object> params, List<String> fields) {
		ObjectNode request = Json.MAPPER.createObjectNode();
		request.put("api_name", apiName);
		request.put("token", this.token.reveal());
		request.set("params", Json.MAPPER.valueToTree(params));
		request.put("fields", String.join(",", fields));
		return Json.MAPPER.writeValueAsString(request);
	}

	/**
	 * The trading calendar of an exchange, one day per calendar day.
	 * @param exchange {@code SSE}, {@code SZSE}, {@code CFFEX}, ...
	 * @param start the first day
	 * @param end the last day
	 * @return the days, oldest first
	 */
	public Fetched<TradingDay> tradeCalendar(String exchange, LocalDate start, LocalDate end) {
		return windowed("trade_cal", Map.of("exchange", exchange), start, end, (row) -> {
			String pretrade = row.get("pretrade_date").isNull() ? null : row.get("pretrade_date").asString();
			return new TradingDay(Json.requiredText(row.get("exchange"), "exchange"),
					Units.compactDate(Json.requiredText(row.get("cal_date"), "cal_date")),
					Json.requiredDecimal(row.get("is_open"), "is_open").intValueExact() == 1,
					(pretrade == null || pretrade.isBlank()) ? null : Units.compactDate(pretrade));
		}, Comparator.comparing(TradingDay::date));
	}

	/**
	 * The stocks with one listing status, paged past the row cap.
	 * @param listStatus {@code L} listed, {@code D} delisted, {@code P} paused
	 * @return the stocks, by code
	 */
	public Fetched<Instrument> stocks(String listStatus) {
		Map<String, Object> params = Map.of("list_status", listStatus);
		List<String> fields = List.of("ts_code", "name", "exchange", "list_date");
		return paged("stock_basic", params, fields, (row) -> {
			JsonNode listDate = row.get("list_date");
			return new Instrument(Json.requiredText(row.get("ts_code"), "ts_code"),
					Json.requiredText(row.get("name"), "name"), Json.requiredText(row.get("exchange"), "exchange"),
					(listDate.isNull() || listDate.asString().isBlank()) ? null
							: Units.compactDate(listDate.asString()));
		}, Comparator.comparing(Instrument::symbol));
	}

	/**
	 * Daily bars of stocks ({@code daily}), unadjusted.
	 * @param symbol one code, or several separated by commas
	 * @param start the first day
	 * @param end the last day
	 * @return the bars, oldest first
	 */
	public Fetched<DailyBar> daily(String symbol, LocalDate start, LocalDate end) {
		return dailyBars("daily", symbol, start, end);
	}

	/**
	 * The whole market's daily bars of one day, paged past the row cap.
	 * @param tradeDate the day
	 * @return the bars, by code
	 */
	public Fetched<DailyBar> dailyOfMarket(LocalDate tradeDate) {
		return paged("daily", Map.of("trade_date", Units.compactDate(tradeDate)), List.of(), TushareClient::dailyBar,
				Comparator.comparing(DailyBar::symbol));
	}

	/**
	 * The latest quotes of a board from the realtime API {@code rt_k}, which takes a code
	 * or a wildcard ({@code 6*.SH}, {@code 3*.SZ}) and answers the whole board in one
	 * call. Its quota is its own and small (10 calls an hour on low tiers): a refusal
	 * comes back as a {@link com.marketbase.batch.source.RateLimitedException} with its
	 * window, never waited out inside the call.
	 * @param pattern the code or wildcard, with its exchange suffix
	 * @return the quotes, by code
	 */
	public Fetched<RealtimeQuote> realtimeQuotes(String pattern) {
		TushareTable table = call("rt_k", Map.of("ts_code", pattern), List.of());
		return rows("rt_k", table, TushareClient::realtimeQuote, (quote) -> (quote.price().signum() <= 0)
				? "price " + quote.price().toPlainString() + " is not positive" : null);
	}

	private static RealtimeQuote realtimeQuote(TushareTable.Row row) {
		BigDecimal trades = Json.decimal(row.get("num"));
		return new RealtimeQuote(Json.requiredText(row.get("ts_code"), "ts_code"),
				Json.requiredDecimal(row.get("pre_close"), "pre_close"), Json.requiredDecimal(row.get("open"), "open"),
				Json.requiredDecimal(row.get("high"), "high"), Json.requiredDecimal(row.get("low"), "low"),
				Json.requiredDecimal(row.get("close"), "close"),
				Json.requiredDecimal(row.get("vol"), "vol")
					.setScale(0, java.math.RoundingMode.HALF_UP)
					.longValueExact(),
				Json.requiredDecimal(row.get("amount"), "amount"), (trades != null) ? trades.longValue() : null);
	}

	/**
	 * Daily bars of an index ({@code index_daily}), in points.
	 * @param symbol the index, for example {@code 000300.SH}
	 * @param start the first day
	 * @param end the last day
	 * @return the bars, oldest first
	 */
	public Fetched<DailyBar> indexDaily(String symbol, LocalDate start, LocalDate end) {
		return dailyBars("index_daily", symbol, start, end);
	}

	/**
	 * Daily bars of an exchange-traded fund ({@code fund_daily}).
	 * @param symbol the fund, for example {@code 510300.SH}
	 * @param start the first day
	 * @param end the last day
	 * @return the bars, oldest first
	 */
	public Fetched<DailyBar> fundDaily(String symbol, LocalDate start, LocalDate end) {
		return dailyBars("fund_daily", symbol, start, end);
	}

	private Fetched<DailyBar> dailyBars(String apiName, String symbol, LocalDate start, LocalDate end) {
		return windowed(apiName, Map.of("ts_code", symbol), start, end, TushareClient::dailyBar,
				Comparator.comparing(DailyBar::tradeDate).thenComparing(DailyBar::symbol));
	}

	/**
	 * Adjustment factors of a stock.
	 * @param symbol the stock
	 * @param start the first day
	 * @param end the last day
	 * @return the factors, oldest first
	 */
	public Fetched<AdjustmentFactor> adjustmentFactors(String symbol, LocalDate start, LocalDate end) {
		return windowed("adj_factor", Map.of("ts_code", symbol), start, end, TushareClient::adjustmentFactor,
				Comparator.comparing(AdjustmentFactor::tradeDate));
	}

	private static AdjustmentFactor adjustmentFactor(TushareTable.Row row) {
		return new AdjustmentFactor(Json.requiredText(row.get("ts_code"), "ts_code"),
				Units.compactDate(Json.requiredText(row.get("trade_date"), "trade_date")),
				positive(Json.requiredDecimal(row.get("adj_factor"), "adj_factor"), "adj_factor"));
	}

	/**
	 * The whole market's adjustment factors of one day, paged past the row cap.
	 * @param tradeDate the day
	 * @return the factors, by code
	 */
	public Fetched<AdjustmentFactor> adjustmentFactorsOfMarket(LocalDate tradeDate) {
		return paged("adj_factor", Map.of("trade_date", Units.compactDate(tradeDate)), List.of(),
				TushareClient::adjustmentFactor, Comparator.comparing(AdjustmentFactor::symbol));
	}

	/**
	 * Every exchange-traded fund's daily bar of one day ({@code fund_daily} with only
	 * {@code trade_date}), paged past the row cap.
	 * @param tradeDate the day
	 * @return the bars, by code
	 */
	public Fetched<DailyBar> fundDailyOfMarket(LocalDate tradeDate) {
		return paged("fund_daily", Map.of("trade_date", Units.compactDate(tradeDate)), List.of(),
				TushareClient::dailyBar, Comparator.comparing(DailyBar::symbol));
	}

	/**
	 * Suspended days ({@code suspend_d}, rows of type {@code S}) of one stock or, with no
	 * symbol, of the whole market.
	 * @param symbol the stock, or {@code null} for every stock
	 * @param start the first day
	 * @param end the last day
	 * @return the suspended days, oldest first
	 */
	public Fetched<Suspension> suspensions(String symbol, LocalDate start, LocalDate end) {
		Map<String, Object> fixed = new LinkedHashMap<>();
		if (symbol != null) {
			fixed.put("ts_code", symbol);
		}
		fixed.put("suspend_type", "S");
		return windowed("suspend_d", fixed, start, end,
				(row) -> new Suspension(Json.requiredText(row.get("ts_code"), "ts_code"),
						Units.compactDate(Json.requiredText(row.get("trade_date"), "trade_date"))),
				Comparator.comparing(Suspension::tradeDate).thenComparing(Suspension::symbol));
	}

	/**
	 * Intraday bars of a stock, ETF or index ({@code stk_mins}). One-minute bars come
	 * back in the warehouse's 240-bar layout: Tushare's separate 09:30 opening-auction
	 * bar is folded into the 09:31 bar.
	 * @param symbol the instrument
	 * @param frequency {@code 1min}, {@code 5min}, {@code 15min}, {@code 30min} or
	 * {@code 60min}
	 * @param start the first day
	 * @param end the last day
	 * @return the bars, oldest first
	 */
	public Fetched<Bar> minuteBars(String symbol, String frequency, LocalDate start, LocalDate end) {
		return minuteBars("stk_mins", symbol, frequency, start, end);
	}

	/**
	 * Intraday bars of an index ({@code idx_mins}, of the same shape as
	 * {@code stk_mins}), one-minute bars in the warehouse's 240-bar layout.
	 * @param symbol the index, for example {@code 000300.SH}
	 * @param frequency as for {@link #minuteBars(String, String, LocalDate, LocalDate)}
	 * @param start the first day
	 * @param end the last day
	 * @return the bars, oldest first
	 */
	public Fetched<Bar> indexMinuteBars(String symbol, String frequency, LocalDate start, LocalDate end) {
		return minuteBars("idx_mins", symbol, frequency, start, end);
	}

	/**
	 * Today's one-minute bars so far of one A-share ({@code rt_min_daily}, granted with
	 * the realtime minute permission, its own small quota): the same 241-bar layout as
	 * {@code stk_mins}, folded to the warehouse's 240. Its columns are {@code code} (or
	 * {@code ts_code}) and {@code time}. A refusal by the hourly quota is thrown at once,
	 * never waited out inside the call.
	 * @param symbol the instrument
	 * @return the bars, oldest first
	 */
	public Fetched<Bar> realtimeMinuteBars(String symbol) {
		String api = "rt_min_daily";
		TushareTable table = call(api, Map.of("ts_code", symbol, "freq", "1MIN"), List.of());
		Fetched<Bar> bars = rows(api, table, TushareClient::realtimeMinuteBar, Bar::implausibility)
			.oncePerKey(Comparator.comparing(Bar::end).thenComparing(Bar::symbol), this.source.key(), api, Bar::symbol);
		return new Fetched<>(foldOpeningAuction(bars.items()), bars.rejected());
	}

	private static Bar realtimeMinuteBar(TushareTable.Row row) {
		JsonNode code = row.get("code").isMissingNode() ? row.get("ts_code") : row.get("code");
		Instant end = Units.beijing(LocalDateTime.parse(Json.requiredText(row.get("time"), "time"), MINUTE_TIME));
		return new Bar(Json.requiredText(code, "code"), end, Json.requiredDecimal(row.get("open"), "open"),
				Json.requiredDecimal(row.get("high"), "high"), Json.requiredDecimal(row.get("low"), "low"),
				Json.requiredDecimal(row.get("close"), "close"),
				Units.wholeShares(Json.requiredDecimal(row.get("vol"), "vol")),
				Json.requiredDecimal(row.get("amount"), "amount"));
	}

	private Fetched<Bar> minuteBars(String api, String symbol, String frequency, LocalDate start, LocalDate end) {
		Fetched<Bar> bars = minuteWindow(api, symbol, frequency, start.atStartOfDay(), end.atTime(23, 59, 59))
			.oncePerKey(Comparator.comparing(Bar::end).thenComparing(Bar::symbol), this.source.key(), api, Bar::symbol);
		return "1min".equals(frequency) ? new Fetched<>(foldOpeningAuction(bars.items()), bars.rejected()) : bars;
	}

	private Fetched<Bar> minuteWindow(String api, String symbol, String frequency, LocalDateTime from,
			LocalDateTime to) {
		Map<String, Object> params = new LinkedHashMap<>();
		params.put("ts_code", symbol);
		params.put("freq", frequency);
		params.put("start_date", from.format(MINUTE_TIME));
		params.put("end_date", to.format(MINUTE_TIME));
		TushareMinuteReader.MinuteRows table = minuteCall(api, params);
		int cap = CAPS.get(api);
		if (table.size() >= cap && from.toLocalDate().isBefore(to.toLocalDate())) {
			LocalDate middle = middle(from.toLocalDate(), to.toLocalDate());
			return minuteWindow(api, symbol, frequency, from, middle.atTime(23, 59, 59))
				.and(minuteWindow(api, symbol, frequency, middle.plusDays(1).atStartOfDay(), to));
		}
		if (table.size() >= cap) {
			throw new PermanentSourceException(this.source, api, "one day of " + symbol + " at " + frequency
					+ " reaches the row cap of " + cap + ", so it cannot be read whole");
		}
		return table.bars();
	}

	/**
	 * One minute-bar call, its answer streamed straight into bars; an answer that is not
	 * a success of the usual shape is read and classified the general way.
	 */
	private TushareMinuteReader.MinuteRows minuteCall(String api, Map<String, Object> params) {
		if (!this.token.isPresent()) {
			throw new PermanentSourceException(this.source, api,
					"no token is configured (set marketbase.sources.tushare.token or TUSHARE_TOKEN)");
		}
		String body = requestBody(api, params, List.of());
		return this.gate.call(api, () -> {
			Reply reply = this.http.postJson(api, this.path, body);
			TushareMinuteReader.MinuteRows streamed = TushareMinuteReader.read(this.source.key(), api, reply);
			if (streamed != null) {
				return streamed;
			}
			TushareTable table = TushareReplies.table(this.source, api, reply);
			return new TushareMinuteReader.MinuteRows(table.size(),
					rows(api, table, TushareClient::minuteBar, Bar::implausibility));
		});
	}

	/**
	 * Folds each day's 09:30 opening-auction bar into its 09:31 bar, the layout the
	 * warehouse stores.
	 * @param bars one-minute bars, oldest first
	 * @return the bars without 09:30 bars
	 */
	static List<Bar> foldOpeningAuction(List<Bar> bars) {
		List<Bar> folded = new ArrayList<>(bars.size());
		Bar auction = null;
		for (Bar bar : bars) {
			int time = beijingSecondOfDay(bar.end());
			if (time == AUCTION_BAR.toSecondOfDay()) {
				auction = bar;
				continue;
			}
			if (auction != null && time == AUCTION_BAR.toSecondOfDay() + 60
					&& auction.end().plus(1, ChronoUnit.MINUTES).equals(bar.end())) {
				bar = new Bar(bar.symbol(), bar.end(), auction.open(), auction.high().max(bar.high()),
						auction.low().min(bar.low()), bar.close(), auction.volume() + bar.volume(),
						auction.amount().add(bar.amount()));
			}
			else if (auction != null) {
				folded.add(auction);
			}
			auction = null;
			folded.add(bar);
		}
		if (auction != null) {
			folded.add(auction);
		}
		return folded;
	}

	/** The Beijing wall-clock second of the day, or -1 for an instant within a second. */
	private static int beijingSecondOfDay(Instant instant) {
		if (instant.getNano() != 0) {
			return -1;
		}
		return BeijingTime.secondOfDay(instant);
	}

	/**
	 * Reads one {@code stk_mins} row: volume in shares, amount in CNY, time in Beijing.
	 * @param row the row
	 * @return the bar
	 */
	static Bar minuteBar(TushareTable.Row row) {
		String time = Json.requiredText(row.get("trade_time"), "trade_time");
		Instant end = Units.beijing(LocalDateTime.parse(time, MINUTE_TIME));
		return new Bar(Json.requiredText(row.get("ts_code"), "ts_code"), end,
				Json.requiredDecimal(row.get("open"), "open"), Json.requiredDecimal(row.get("high"), "high"),
				Json.requiredDecimal(row.get("low"), "low"), Json.requiredDecimal(row.get("close"), "close"),
				Units.wholeShares(Json.requiredDecimal(row.get("vol"), "vol")),
				Json.requiredDecimal(row.get("amount"), "amount"));
	}

	/**
	 * Reads one {@code daily}, {@code index_daily} or {@code fund_daily} row: volume from
	 * lots to shares, amount from thousand CNY to CNY.
	 * @param row the row
	 * @return the bar
	 */
	static DailyBar dailyBar(TushareTable.Row row) {
		return new DailyBar(Json.requiredText(row.get("ts_code"), "ts_code"),
				Units.compactDate(Json.requiredText(row.get("trade_date"), "trade_date")),
				Json.requiredDecimal(row.get("open"), "open"), Json.requiredDecimal(row.get("high"), "high"),
				Json.requiredDecimal(row.get("low"), "low"), Json.requiredDecimal(row.get("close"), "close"),
				Json.decimal(row.get("pre_close")), Units.lotsToShares(Json.requiredDecimal(row.get("vol"), "vol")),
				Units.thousandsToCny(Json.requiredDecimal(row.get("amount"), "amount")));
	}

	private static BigDecimal positive(BigDecimal value, String name) {
		if (value.signum() <= 0) {
			throw new IllegalArgumentException(name + " " + value.toPlainString() + " is not positive");
		}
		return value;
	}

	/**
	 * Reads a date window, splitting it in halves while an answer may have been cut at
	 * the row cap.
	 */
	private <T> Fetched<T> windowed(String apiName, Map<String, Object> fixed, LocalDate start, LocalDate end,
			Function<TushareTable.Row, T> reader, Comparator<T> order) {
		return window(apiName, fixed, start, end, reader).oncePerKey(order, this.source.key(), apiName,
				(item) -> (String) fixed.get("ts_code"));
	}

	private <T> Fetched<T> window(String apiName, Map<String, Object> fixed, LocalDate start, LocalDate end,
			Function<TushareTable.Row, T> reader) {
		return window(apiName, fixed, List.of(), start, end, reader);
	}

	private <T> Fetched<T> window(String apiName, Map<String, Object> fixed, List<String> fields, LocalDate start,
			LocalDate end, Function<TushareTable.Row, T> reader) {
		Map<String, Object> params = new LinkedHashMap<>(fixed);
		params.put("start_date", Units.compactDate(start));
		params.put("end_date", Units.compactDate(end));
		int cap = CAPS.get(apiName);
		if (start.equals(end)) {
			// A day cannot be split further; page through it instead.
			return pagedRows(apiName, params, fields, reader);
		}
		TushareTable table = call(apiName, params, fields);
		if (table.size() >= cap) {
			LocalDate middle = middle(start, end);
			return window(apiName, fixed, fields, start, middle, reader)
				.and(window(apiName, fixed, fields, middle.plusDays(1), end, reader));
		}
		return rows(apiName, table, reader, (item) -> null);
	}

	private <T> Fetched<T> paged(String apiName, Map<String, Object> params, List<String> fields,
			Function<TushareTable.Row, T> reader, Comparator<T> order) {
		return pagedRows(apiName, params, fields, reader).oncePerKey(order, this.source.key(), apiName,
				(item) -> (String) params.get("ts_code"));
	}

	/**
	 * Pages with {@code limit}/{@code offset} until a page comes back shorter than the
	 * limit.
	 */
	private <T> Fetched<T> pagedRows(String apiName, Map<String, Object> params, List<String> fields,
			Function<TushareTable.Row, T> reader) {
		int limit = CAPS.get(apiName);
		Fetched<T> all = Fetched.none();
		for (int offset = 0;; offset += limit) {
			Map<String, Object> page = new LinkedHashMap<>(params);
			page.put("limit", limit);
			page.put("offset", offset);
			TushareTable table = call(apiName, page, fields);
			all = all.and(rows(apiName, table, reader, (item) -> null));
			if (table.size() < limit) {
				return all;
			}
		}
	}

	private <T> Fetched<T> rows(String apiName, TushareTable table, Function<TushareTable.Row, T> reader,
			Function<T, String> implausibility) {
		List<T> items = new ArrayList<>(table.size());
		List<RejectedRow> rejected = new ArrayList<>();
		for (TushareTable.Row row : table.named()) {
			String reason;
			try {
				T item = reader.apply(row);
				reason = implausibility.apply(item);
				if (reason == null) {
					reason = implausibility(item);
				}
				if (reason == null) {
					items.add(item);
					continue;
				}
			}
			catch (RuntimeException ex) {
				AnswerShape.requireColumnOf(ex, this.source, apiName, table.fields());
				reason = "cannot read the row: " + ex.getMessage();
			}
			JsonNode code = row.get("ts_code");
			rejected.add(new RejectedRow(this.source.key(), apiName, code.isString() ? code.stringValue() : null,
					reason, row.toString()));
		}
		return new Fetched<>(items, rejected);
	}

	private static String implausibility(Object item) {
		if (item instanceof DailyBar bar) {
			return bar.implausibility();
		}
		if (item instanceof FuturesBar bar) {
			return bar.implausibility();
		}
		if (item instanceof SpotBar bar) {
			return bar.implausibility();
		}
		if (item instanceof DailyValuation valuation) {
			return valuation.implausibility();
		}
		if (item instanceof MoneyFlow flow) {
			return flow.implausibility();
		}
		return (item instanceof FxBar bar) ? bar.implausibility() : null;
	}

	/**
	 * Every futures contract's daily bar of one exchange and day ({@code fut_daily}),
	 * paged past the row cap.
	 * @param exchange {@code CFFEX}, {@code SHFE}, {@code DCE}, {@code CZCE}, {@code INE}
	 * or {@code GFEX}
	 * @param tradeDate the day
	 * @return the bars, by code
	 */
	public Fetched<FuturesBar> futuresDailyOfExchange(String exchange, LocalDate tradeDate) {
		return paged("fut_daily", Map.of("exchange", exchange, "trade_date", Units.compactDate(tradeDate)),
				FUTURES_FIELDS, TushareClient::futuresBar, Comparator.comparing(FuturesBar::symbol));
	}

	/**
	 * One contract's daily bars ({@code fut_daily}).
	 * @param symbol the contract, for example {@code IF2412.CFX}
	 * @param start the first day
	 * @param end the last day
	 * @return the bars, oldest first
	 */
	public Fetched<FuturesBar> futuresDaily(String symbol, LocalDate start, LocalDate end) {
		return window("fut_daily", Map.of("ts_code", symbol), FUTURES_FIELDS, start, end, TushareClient::futuresBar)
			.oncePerKey(Comparator.comparing(FuturesBar::tradeDate), this.source.key(), "fut_daily", (item) -> symbol);
	}

	/**
	 * Reads one {@code fut_daily} row: volume and open interest in lots, amount from
	 * 10,000 CNY to CNY.
	 * @param row the row
	 * @return the bar
	 */
	static FuturesBar futuresBar(TushareTable.Row row) {
		return new FuturesBar(Json.requiredText(row.get("ts_code"), "ts_code"),
				Units.compactDate(Json.requiredText(row.get("trade_date"), "trade_date")),
				Json.requiredDecimal(row.get("open"), "open"), Json.requiredDecimal(row.get("high"), "high"),
				Json.requiredDecimal(row.get("low"), "low"), Json.requiredDecimal(row.get("close"), "close"),
				Json.decimal(row.get("pre_close")), Json.decimal(row.get("settle")),
				Json.decimal(row.get("pre_settle")), Json.requiredDecimal(row.get("vol"), "vol"),
				Units.tenThousandsToCny(Json.requiredDecimal(row.get("amount"), "amount")), Json.decimal(row.get("oi")),
				Json.decimal(row.get("oi_chg")), Json.decimal(row.get("delv_settle")));
	}

	/**
	 * Which contract every main-contract code stood for on one day ({@code fut_mapping}),
	 * paged past the row cap.
	 * @param tradeDate the day
	 * @return the mappings, by main-contract code
	 */
	public Fetched<MainContractDay> mainContractsOfDay(LocalDate tradeDate) {
		return paged("fut_mapping", Map.of("trade_date", Units.compactDate(tradeDate)), List.of(),
				TushareClient::mainContract, Comparator.comparing(MainContractDay::mainSymbol));
	}

	/**
	 * Which contract one main-contract code stood for, day by day ({@code fut_mapping}).
	 * @param mainSymbol the main-contract code, for example {@code IF.CFX}
	 * @param start the first day
	 * @param end the last day
	 * @return the mappings, oldest first
	 */
	public Fetched<MainContractDay> mainContracts(String mainSymbol, LocalDate start, LocalDate end) {
		return windowed("fut_mapping", Map.of("ts_code", mainSymbol), start, end, TushareClient::mainContract,
				Comparator.comparing(MainContractDay::tradeDate));
	}

	private static MainContractDay mainContract(TushareTable.Row row) {
		return new MainContractDay(Json.requiredText(row.get("ts_code"), "ts_code"),
				Units.compactDate(Json.requiredText(row.get("trade_date"), "trade_date")),
				Json.requiredText(row.get("mapping_ts_code"), "mapping_ts_code"));
	}

	/**
	 * Every SGE spot contract's daily bar of one day ({@code sge_daily}).
	 * @param tradeDate the day
	 * @return the bars, by code
	 */
	public Fetched<SpotBar> spotDailyOfDay(LocalDate tradeDate) {
		return paged("sge_daily", Map.of("trade_date", Units.compactDate(tradeDate)), List.of(), TushareClient::spotBar,
				Comparator.comparing(SpotBar::symbol));
	}

	/**
	 * One SGE spot contract's daily bars ({@code sge_daily}).
	 * @param symbol the contract, without suffix: {@code Au99.99}
	 * @param start the first day
	 * @param end the last day
	 * @return the bars, oldest first
	 */
	public Fetched<SpotBar> spotDaily(String symbol, LocalDate start, LocalDate end) {
		return windowed("sge_daily", Map.of("ts_code", symbol), start, end, TushareClient::spotBar,
				Comparator.comparing(SpotBar::tradeDate));
	}

	/**
	 * Reads one {@code sge_daily} row: volume in kilograms, amount in CNY, as sent.
	 * @param row the row
	 * @return the bar
	 */
	static SpotBar spotBar(TushareTable.Row row) {
		JsonNode direction = row.get("settle_dire");
		return new SpotBar(Json.requiredText(row.get("ts_code"), "ts_code"),
				Units.compactDate(Json.requiredText(row.get("trade_date"), "trade_date")),
				Json.requiredDecimal(row.get("open"), "open"), Json.requiredDecimal(row.get("high"), "high"),
				Json.requiredDecimal(row.get("low"), "low"), Json.requiredDecimal(row.get("close"), "close"),
				Json.decimal(row.get("price_avg")), Json.requiredDecimal(row.get("vol"), "vol"),
				Json.requiredDecimal(row.get("amount"), "amount"), Json.decimal(row.get("oi")),
				Json.decimal(row.get("settle_vol")),
				(direction.isString() && !direction.stringValue().isBlank()) ? direction.stringValue() : null);
	}

	/**
	 * One FX pair's daily bars ({@code fx_daily}), by GMT date.
	 * @param symbol the pair, for example {@code USDCNH.FXCM}
	 * @param start the first GMT date
	 * @param end the last GMT date
	 * @return the bars, oldest first
	 */
	public Fetched<FxBar> fxDaily(String symbol, LocalDate start, LocalDate end) {
		return windowed("fx_daily", Map.of("ts_code", symbol), start, end, TushareClient::fxBar,
				Comparator.comparing(FxBar::tradeDate));
	}

	/**
	 * Reads one {@code fx_daily} row; its {@code trade_date} is a GMT date and stays one.
	 * @param row the row
	 * @return the bar
	 */
	static FxBar fxBar(TushareTable.Row row) {
		BigDecimal ticks = Json.decimal(row.get("tick_qty"));
		return new FxBar(Json.requiredText(row.get("ts_code"), "ts_code"),
				Units.compactDate(Json.requiredText(row.get("trade_date"), "trade_date")),
				Json.requiredDecimal(row.get("bid_open"), "bid_open"),
				Json.requiredDecimal(row.get("bid_high"), "bid_high"),
				Json.requiredDecimal(row.get("bid_low"), "bid_low"),
				Json.requiredDecimal(row.get("bid_close"), "bid_close"),
				Json.requiredDecimal(row.get("ask_open"), "ask_open"),
				Json.requiredDecimal(row.get("ask_high"), "ask_high"),
				Json.requiredDecimal(row.get("ask_low"), "ask_low"),
				Json.requiredDecimal(row.get("ask_close"), "ask_close"),
				(ticks != null) ? ticks.longValueExact() : null);
	}

	/**
	 * Every stock's valuation indicators of one day ({@code daily_basic}), paged past the
	 * row cap.
	 * @param tradeDate the day
	 * @return the rows, by code
	 */
	public Fetched<DailyValuation> dailyBasicOfMarket(LocalDate tradeDate) {
		return paged("daily_basic", Map.of("trade_date", Units.compactDate(tradeDate)), List.of(),
				TushareClient::dailyValuation, Comparator.comparing(DailyValuation::symbol));
	}

	/**
	 * One stock's valuation indicators, day by day ({@code daily_basic}).
	 * @param symbol the stock
	 * @param start the first day
	 * @param end the last day
	 * @return the rows, oldest first
	 */
	public Fetched<DailyValuation> dailyBasic(String symbol, LocalDate start, LocalDate end) {
		return windowed("daily_basic", Map.of("ts_code", symbol), start, end, TushareClient::dailyValuation,
				Comparator.comparing(DailyValuation::tradeDate));
	}

	/**
	 * Reads one {@code daily_basic} row: share counts from 10,000 shares to shares,
	 * market values from 10,000 CNY to CNY, rates in percent as sent.
	 * @param row the row
	 * @return the indicators
	 */
	static DailyValuation dailyValuation(TushareTable.Row row) {
		return new DailyValuation(Json.requiredText(row.get("ts_code"), "ts_code"),
				Units.compactDate(Json.requiredText(row.get("trade_date"), "trade_date")),
				Json.requiredDecimal(row.get("close"), "close"), Json.decimal(row.get("turnover_rate")),
				Json.decimal(row.get("turnover_rate_f")), Json.decimal(row.get("volume_ratio")),
				Json.decimal(row.get("pe")), Json.decimal(row.get("pe_ttm")), Json.decimal(row.get("pb")),
				Json.decimal(row.get("ps")), Json.decimal(row.get("ps_ttm")), Json.decimal(row.get("dv_ratio")),
				Json.decimal(row.get("dv_ttm")), tenThousands(row.get("total_share")),
				tenThousands(row.get("float_share")), tenThousands(row.get("free_share")),
				tenThousands(row.get("total_mv")), tenThousands(row.get("circ_mv")));
	}

	/**
	 * A fund's disclosed stock holdings of every report period ({@code fund_portfolio}),
	 * paged past the row cap. A row without an announcement day cannot be placed in time
	 * and is rejected with its reason.
	 * @param fund the fund, for example {@code 000001.OF}
	 * @return the holdings, by period and stock
	 */
	public Fetched<FundHolding> fundPortfolio(String fund) {
		return paged("fund_portfolio", Map.of("ts_code", fund),
				List.of("ts_code", "ann_date", "end_date", "symbol", "mkv", "amount", "stk_mkv_ratio"),
				(row) -> new FundHolding(Json.requiredText(row.get("ts_code"), "ts_code"),
						Units.compactDate(Json.requiredText(row.get("end_date"), "end_date")),
						Units.compactDate(Json.requiredText(row.get("ann_date"), "ann_date")),
						Json.requiredText(row.get("symbol"), "symbol"),
						Json.requiredDecimal(row.get("stk_mkv_ratio"), "stk_mkv_ratio"), Json.decimal(row.get("mkv")),
						Json.decimal(row.get("amount"))),
				Comparator.comparing(FundHolding::periodEnd).thenComparing(FundHolding::holding));
	}

	/**
	 * Every stock's money flow of one day ({@code moneyflow}), paged past the row cap.
	 * @param tradeDate the day
	 * @return the rows, by code
	 */
	public Fetched<MoneyFlow> moneyflowOfMarket(LocalDate tradeDate) {
		return paged("moneyflow", Map.of("trade_date", Units.compactDate(tradeDate)), List.of(),
				TushareClient::moneyFlow, Comparator.comparing(MoneyFlow::symbol));
	}

	/**
	 * One stock's money flow, day by day ({@code moneyflow}).
	 * @param symbol the stock
	 * @param start the first day
	 * @param end the last day
	 * @return the rows, oldest first
	 */
	public Fetched<MoneyFlow> moneyflow(String symbol, LocalDate start, LocalDate end) {
		return windowed("moneyflow", Map.of("ts_code", symbol), start, end, TushareClient::moneyFlow,
				Comparator.comparing(MoneyFlow::tradeDate));
	}

	/**
	 * Reads one {@code moneyflow} row: volumes from lots to shares, amounts from 10,000
	 * CNY to CNY.
	 * @param row the row
	 * @return the flows
	 */
	static MoneyFlow moneyFlow(TushareTable.Row row) {
		return new MoneyFlow(Json.requiredText(row.get("ts_code"), "ts_code"),
				Units.compactDate(Json.requiredText(row.get("trade_date"), "trade_date")), sizes(row, "buy"),
				sizes(row, "sell"), lots(row.get("net_mf_vol")), tenThousands(row.get("net_mf_amount")));
	}

	private static MoneyFlow.Sizes sizes(TushareTable.Row row, String side) {
		return new MoneyFlow.Sizes(lots(row.get(side + "_sm_vol")), tenThousands(row.get(side + "_sm_amount")),
				lots(row.get(side + "_md_vol")), tenThousands(row.get(side + "_md_amount")),
				lots(row.get(side + "_lg_vol")), tenThousands(row.get(side + "_lg_amount")),
				lots(row.get(side + "_elg_vol")), tenThousands(row.get(side + "_elg_amount")));
	}

	private static Long lots(JsonNode value) {
		BigDecimal sent = Json.decimal(value);
		return (sent != null) ? Units.lotsToShares(sent) : null;
	}

	/**
	 * Every version of one stock's financial indicators for the report periods ending
	 * between two days ({@code fina_indicator}: one stock a call, 100 rows a call, so a
	 * long range is halved until each half fits), grouped by period. Rows that repeat
	 * exactly are kept once; a row without an announcement day cannot be placed in time
	 * and is rejected with its reason.
	 * @param symbol the stock
	 * @param start the first period end
	 * @param end the last period end
	 * @return the periods, with their versions newest announcement first
	 */
	public Fetched<FinancialPeriod> financialIndicators(String symbol, LocalDate start, LocalDate end) {
		Fetched<FinancialReport> rows = window("fina_indicator", Map.of("ts_code", symbol), FINA_FIELDS, start, end,
				TushareClient::financialReport);
		Map<LocalDate, List<FinancialReport>> byPeriod = new TreeMap<>();
		for (FinancialReport row : rows.items()) {
			List<FinancialReport> versions = byPeriod.computeIfAbsent(row.periodEnd(), (period) -> new ArrayList<>());
			if (!versions.contains(row)) {
				versions.add(row);
			}
		}
		List<FinancialPeriod> periods = new ArrayList<>();
		byPeriod.forEach((period, versions) -> {
			versions.sort(Comparator.comparing(FinancialReport::announced)
				.thenComparing(FinancialReport::updateFlag)
				.reversed());
			periods.add(new FinancialPeriod(symbol, period, versions));
		});
		return new Fetched<>(periods, rows.rejected());
	}

	/**
	 * The day each stock's report for a period came out, from the disclosure calendar
	 * ({@code disclosure_date}: 3,000 rows a call, paged): its {@code actual_date}. A
	 * report that is only scheduled has none and is left out; {@code ann_date} there is
	 * when the schedule was announced, not the report.
	 * @param period the period's end
	 * @return the stock and disclosure day of each report that is out
	 */
	public Map<String, LocalDate> disclosures(LocalDate period) {
		Map<String, LocalDate> out = new TreeMap<>();
		pagedRows("disclosure_date", Map.of("end_date", Units.compactDate(period)),
				List.of("ts_code", "end_date", "actual_date"), (row) -> row)
			.items()
			.forEach((row) -> {
				JsonNode actual = row.get("actual_date");
				if (actual.isString() && !actual.stringValue().isBlank()) {
					out.merge(Json.requiredText(row.get("ts_code"), "ts_code"), Units.compactDate(actual.stringValue()),
							(a, b) -> a.isAfter(b) ? a : b);
				}
			});
		return out;
	}

	/**
	 * Reads one {@code fina_indicator} row: the typed indicators, every other column as
	 * JSON, and a note when the row was announced before its own period ended
	 * (waditu/tushare#1917), which is kept as sent.
	 * @param row the row
	 * @return the version
	 */
	static FinancialReport financialReport(TushareTable.Row row) {
		String symbol = Json.requiredText(row.get("ts_code"), "ts_code");
		LocalDate period = Units.compactDate(Json.requiredText(row.get("end_date"), "end_date"));
		LocalDate announced = Units.compactDate(Json.requiredText(row.get("ann_date"), "ann_date"));
		JsonNode flag = row.get("update_flag");
		Map<String, BigDecimal> typed = new LinkedHashMap<>();
		for (String column : FinancialReport.TYPED) {
			BigDecimal value = Json.decimal(row.get(column));
			if (value != null) {
				typed.put(column, value);
			}
		}
		String others = columnsAsJson(row,
				(column) -> !FinancialReport.TYPED.contains(column) && !FINA_KEY.contains(column));
		String note = announced.isBefore(period) ? "announced " + announced + ", before its period ends on " + period
				+ " (kept as sent; visible from the deadline, " + FinancialReport.deadline(period) + ")" : null;
		return new FinancialReport(symbol, period, announced,
				(flag.isMissingNode() || flag.isNull()) ? "" : flag.asString().strip(), typed, others, note);
	}

	/**
	 * A macro series' figures for the periods ending between two days, in the period
	 * format each endpoint takes: quarters ({@code cn_gdp}, {@code 2024Q1}), months
	 * ({@code cn_cpi}, {@code cn_ppi}, {@code cn_m}, {@code 202403}) or days
	 * ({@code shibor}, {@code shibor_lpr}, {@code us_tycr}; halved while a call comes
	 * back full).
	 * @param series the series, which is also its endpoint
	 * @param start the first day
	 * @param end the last day
	 * @return the figures, oldest first, without their available days
	 */
	public Fetched<MacroObservation> macroSeries(String series, LocalDate start, LocalDate end) {
		Fetched<MacroObservation> rows = switch (series) {
			case "cn_gdp" ->
				rows(series, call(series, Map.of("start_q", quarter(start), "end_q", quarter(end)), List.of()),
						(row) -> macroObservation(series, "quarter", row), (item) -> null);
			case "cn_cpi", "cn_ppi", "cn_m" ->
				rows(series, call(series, Map.of("start_m", month(start), "end_m", month(end)), List.of()),
						(row) -> macroObservation(series, "month", row), (item) -> null);
			case "shibor", "shibor_lpr", "us_tycr" ->
				window(series, Map.of(), start, end, (row) -> macroObservation(series, "date", row));
			default -> throw new IllegalArgumentException("not a macro series: " + series);
		};
		List<MacroObservation> inWindow = rows.items()
			.stream()
			.filter((row) -> !row.periodDate().isBefore(start) && !row.periodDate().isAfter(end))
			.sorted(Comparator.comparing(MacroObservation::periodDate))
			.toList();
		return new Fetched<>(inWindow, rows.rejected());
	}

	/**
	 * The releases of the economic calendar ({@code eco_cal}: 100 rows a call, so a long
	 * window is halved until each half fits) in one currency whose event names hold a
	 * word. The question names the currency, not the country: the client sends ASCII
	 * only, and the country is checked on the answer.
	 * @param currency the currency, for example {@code CNY}
	 * @param country the country, as the calendar names it
	 * @param event a word of the event's name, for example {@code CPI}
	 * @param start the first day
	 * @param end the last day
	 * @return the releases, oldest first
	 */
	public List<EconomicEvent> economicCalendar(String currency, String country, String event, LocalDate start,
			LocalDate end) {
		return window("eco_cal", Map.of("currency", currency, "event", event), start, end,
				(row) -> new EconomicEvent(Units.compactDate(Json.requiredText(row.get("date"), "date")),
						Json.requiredText(row.get("country"), "country"), Json.requiredText(row.get("event"), "event")))
			.items()
			.stream()
			.filter((release) -> release.country().equals(country) && release.event().contains(event))
			.sorted(Comparator.comparing(EconomicEvent::date))
			.toList();
	}

	private static MacroObservation macroObservation(String series, String periodColumn, TushareTable.Row row) {
		String period = Json.requiredText(row.get(periodColumn), periodColumn);
		LocalDate periodDate = switch (periodColumn) {
			case "quarter" ->
				LocalDate.of(Integer.parseInt(period.substring(0, 4)), Integer.parseInt(period.substring(5)) * 3, 1)
					.with(TemporalAdjusters.lastDayOfMonth());
			case "month" ->
				LocalDate.of(Integer.parseInt(period.substring(0, 4)), Integer.parseInt(period.substring(4, 6)), 1)
					.with(TemporalAdjusters.lastDayOfMonth());
			default -> Units.compactDate(period);
		};
		return new MacroObservation(series, periodDate, period,
				columnsAsJson(row, (column) -> !column.equals(periodColumn)), null, null);
	}

	/**
	 * Some columns of a row as a JSON object, by name, so that what is not stored in a
	 * column of its own is kept as sent.
	 */
	private static String columnsAsJson(TushareTable.Row row, Predicate<String> kept) {
		ObjectNode json = Json.MAPPER.createObjectNode();
		new TreeMap<>(row.index()).keySet()
			.stream()
			.filter(kept)
			.forEach((column) -> json.set(column, row.get(column)));
		return json.toString();
	}

	private static String quarter(LocalDate day) {
		return day.getYear() + "Q" + ((day.getMonthValue() + 2) / 3);
	}

	private static String month(LocalDate day) {
		return String.format("%d%02d", day.getYear(), day.getMonthValue());
	}

	private static BigDecimal tenThousands(JsonNode value) {
		BigDecimal sent = Json.decimal(value);
		return (sent != null) ? Units.tenThousandsToCny(sent) : null;
	}

	private static LocalDate middle(LocalDate start, LocalDate end) {
		return start.plusDays(ChronoUnit.DAYS.between(start, end) / 2);
	}

}
