package com.marketbase.batch.probe;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

import com.marketbase.batch.source.SourceException;
import com.marketbase.batch.source.SourceName;
import com.marketbase.batch.source.SourceResolver;
import com.marketbase.batch.source.Units;
import com.marketbase.batch.source.eastmoney.EastmoneyClient;
import com.marketbase.batch.source.tdx.TdxClient;
import com.marketbase.batch.source.tdx.TdxCode;
import com.marketbase.batch.source.tushare.TushareClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks every endpoint the jobs call (and the other endpoints the clients know) the
 * smallest question that tells granted from refused: one day, one row where the endpoint
 * pages. The calls go through the sources' clients, so they wait for and count against
 * the shared quota like any load. Each endpoint's answer is recorded on its own: a
 * refused endpoint never keeps the others from being probed.
 */
public class PermissionProbe {

	private static final Logger logger = LoggerFactory.getLogger(PermissionProbe.class);

	private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

	/**
	 * A stock, an index and a fund every source knows, for endpoints that need a code.
	 */
	private static final String STOCK = "600000.SH";

	private static final String INDEX = "000300.SH";

	private static final String FUND = "000001";

	private final SourceResolver sources;

	private final Probes probes;

	private final Clock clock;

	public PermissionProbe(SourceResolver sources, Probes probes, Clock clock) {
		this.sources = sources;
		this.probes = probes;
		this.clock = clock;
	}

	/**
	 * The sources a probe without a name asks: every configured one, the sandbox only in
	 * demo mode.
	 * @return the sources
	 */
	public List<SourceName> configured() {
		List<SourceName> configured = new ArrayList<>();
		for (SourceName source : SourceName.values()) {
			if (source == SourceName.SANDBOX) {
				if (this.sources.demo()) {
					configured.add(source);
				}
				continue;
			}
			try {
				this.sources.requireConfigured(source);
				configured.add(source);
			}
			catch (IllegalArgumentException ex) {
				logger.debug("Not probing {}: {}", source.key(), ex.getMessage());
			}
		}
		return configured;
	}

	/**
	 * Probes every endpoint of one source and records each answer.
	 * @param source the source
	 * @param each told of each endpoint's answer as it comes
	 * @return the answers, in the order asked
	 * @throws IllegalArgumentException when the source is not configured
	 * @throws SourceException when the source takes no connection at all, which tells
	 * nothing about its permissions; nothing is recorded then
	 */
	public List<ProbeResult> probe(SourceName source, Consumer<ProbeResult> each) {
		List<ProbeResult> results = new ArrayList<>();
		for (Question question : questions(source)) {
			ProbeResult result = ask(source, question.endpoint(), question);
			this.probes.record(result);
			each.accept(result);
			results.add(result);
		}
		return results;
	}

	/**
	 * The smallest question of every endpoint of a source, for the probe and the
	 * self-test.
	 * @param source the source
	 * @return the questions, in the order to ask them
	 * @throws IllegalArgumentException when the source is not configured
	 * @throws SourceException when the source takes no connection at all
	 */
	public List<Question> questions(SourceName source) {
		this.sources.requireConfigured(source);
		this.sources.checkReachable(source);
		LocalDate day = lastWeekday();
		Map<String, Question> questions = switch (source.protocol()) {
			case TUSHARE -> tushare(this.sources.tushare(source), day);
			case TDX -> tdx(this.sources.tdx(), day);
			case EASTMONEY -> eastmoney(this.sources.eastmoney(), day);
			case SANDBOX -> throw new IllegalStateException("the sandbox speaks Tushare's protocol");
		};
		return List.copyOf(questions.values());
	}

	private ProbeResult ask(SourceName source, String endpoint, Question question) {
		try {
			int rows = question.call().getAsInt();
			return new ProbeResult(source.key(), endpoint, question.request(), true,
					"granted: " + rows + ((rows == 1) ? " row" : " rows"), now());
		}
		catch (SourceException ex) {
			// The source's own words: a permission text, an unknown API, a failure.
			return new ProbeResult(source.key(), endpoint, question.request(), false, oneLine(ex.getMessage()), now());
		}
		catch (RuntimeException ex) {
			// An answer the client cannot read tells no grant either; the probe goes on.
			return new ProbeResult(source.key(), endpoint, question.request(), false,
					"could not read the answer: " + oneLine(ex.getMessage()), now());
		}
	}

	private static Map<String, Question> tushare(TushareClient client, LocalDate day) {
		String date = Units.compactDate(day);
		Map<String, Question> questions = new LinkedHashMap<>();
		tushare(questions, client, "trade_cal",
				Map.of("exchange", "SSE", "start_date", date, "end_date", date, "limit", 1));
		tushare(questions, client, "stock_basic", Map.of("list_status", "L", "limit", 1));
		tushare(questions, client, "daily", Map.of("ts_code", STOCK, "trade_date", date, "limit", 1));
		tushare(questions, client, "adj_factor", Map.of("ts_code", STOCK, "trade_date", date, "limit", 1));
		tushare(questions, client, "suspend_d", Map.of("trade_date", date, "limit", 1));
		tushare(questions, client, "index_daily", Map.of("ts_code", INDEX, "trade_date", date, "limit", 1));
		tushare(questions, client, "fund_daily", Map.of("trade_date", date, "limit", 1));
		tushare(questions, client, "stk_mins", Map.of("ts_code", STOCK, "freq", "1min", "start_date", day + " 09:30:00",
				"end_date", day + " 09:31:00", "limit", 1));
		tushare(questions, client, "idx_mins", Map.of("ts_code", INDEX, "freq", "1min", "start_date", day + " 09:30:00",
				"end_date", day + " 09:31:00", "limit", 1));
		tushare(questions, client, "fut_daily", Map.of("exchange", "CFFEX", "trade_date", date, "limit", 1));
		tushare(questions, client, "fut_mapping", Map.of("trade_date", date, "limit", 1));
		tushare(questions, client, "sge_daily", Map.of("trade_date", date, "limit", 1));
		tushare(questions, client, "fx_daily", Map.of("trade_date", date, "limit", 1));
		tushare(questions, client, "daily_basic", Map.of("trade_date", date, "limit", 1));
		tushare(questions, client, "moneyflow", Map.of("trade_date", date, "limit", 1));
		tushare(questions, client, "fina_indicator", Map.of("ts_code", STOCK, "limit", 1));
		tushare(questions, client, "disclosure_date", Map.of("ts_code", STOCK, "limit", 1));
		for (String series : List.of("cn_gdp", "cn_cpi", "cn_ppi", "cn_m", "shibor", "shibor_lpr", "us_tycr",
				"eco_cal")) {
			tushare(questions, client, series, Map.of("limit", 1));
		}
		tushare(questions, client, "stk_premarket", Map.of("trade_date", date, "limit", 1));
		// The realtime APIs' own small quotas: one call of each per probe.
		tushare(questions, client, "rt_k", Map.of("ts_code", STOCK));
		tushare(questions, client, "rt_min_daily", Map.of("ts_code", STOCK, "freq", "1MIN"));
		return questions;
	}

	private static void tushare(Map<String, Question> questions, TushareClient client, String api,
			Map<String, Object> params) {
		Map<String, Object> ordered = new java.util.TreeMap<>(params);
		StringBuilder request = new StringBuilder();
		ordered.forEach(
				(name, value) -> request.append(request.isEmpty() ? "" : " ").append(name).append('=').append(value));
		questions.put(api, new Question(api, request.toString(), () -> client.call(api, ordered, List.of()).size()));
	}

	private static Map<String, Question> tdx(TdxClient client, LocalDate day) {
		Map<String, Question> questions = new LinkedHashMap<>();
		questions.put("/api/workday/range",
				new Question("/api/workday/range",
						"start=" + Units.compactDate(day.minusDays(7)) + " end=" + Units.compactDate(day),
						() -> client.tradingDays(day.minusDays(7), day).size()));
		questions.put("/api/codes",
				new Question("/api/codes", "exchange=sh", () -> client.stocks("sh").items().size()));
		questions.put("/api/etf",
				new Question("/api/etf", "exchange=all", () -> client.exchangeFunds().items().size()));
		questions.put("/api/kline-all",
				new Question("/api/kline-all", "code=" + TdxCode.stock(STOCK).wire() + " type=day",
						() -> client.dailyBars(TdxCode.stock(STOCK), day, day).items().size()));
		return questions;
	}

	private static Map<String, Question> eastmoney(EastmoneyClient client, LocalDate day) {
		Map<String, Question> questions = new LinkedHashMap<>();
		questions.put("f10/lsjz",
				new Question("f10/lsjz", "fundCode=" + FUND + " startDate=" + day.minusDays(7) + " endDate=" + day,
						() -> client.navHistory(FUND, day.minusDays(7), day).items().size()));
		questions.put("fundgz",
				new Question("fundgz", "/js/" + FUND + ".js", () -> client.estimate(FUND).isPresent() ? 1 : 0));
		return questions;
	}

	// The weekday before today in Beijing: its data is out on every source by now.
	private LocalDate lastWeekday() {
		LocalDate day = LocalDate.now(this.clock.withZone(BEIJING)).minusDays(1);
		while (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
			day = day.minusDays(1);
		}
		return day;
	}

	private Instant now() {
		return Instant.ofEpochMilli(this.clock.millis());
	}

	private static String oneLine(String text) {
		return (text == null) ? "" : text.strip().lines().findFirst().orElse("").strip();
	}

	/**
	 * One endpoint's smallest question: what is sent, and the call counting its rows.
	 *
	 * @param endpoint the endpoint in the source's terms
	 * @param request what is sent, without credentials
	 * @param call the call, which answers how many rows came
	 */
	public record Question(String endpoint, String request, IntSupplier call) {
	}

}
