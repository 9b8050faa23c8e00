package com.marketbase.batch.sandbox;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import com.marketbase.batch.source.Secret;
import com.marketbase.batch.source.SourceGate;
import com.marketbase.batch.source.SourceHttp;
import com.marketbase.batch.source.SourceName;
import com.marketbase.batch.source.SourceSettings;
import com.marketbase.batch.source.SourceStates;
import com.marketbase.batch.source.eastmoney.EastmoneyClient;
import com.marketbase.batch.source.eastmoney.FundNav;
import com.marketbase.batch.source.quota.CallQuota;
import com.marketbase.batch.source.tushare.TushareClient;
import com.marketbase.batch.source.tushare.TushareTable;
import com.marketbase.batch.warehouse.Bar;
import com.marketbase.batch.warehouse.DailyBar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The sandbox's fund answers over real HTTP on loopback: Eastmoney's
 * {@code FundValuationLast} and how the sandbox's clock moves it, the retired
 * {@code fundgz}, Tushare's {@code fund_portfolio} and OTC {@code fund_basic}, and NAVs
 * that follow the disclosed holdings: an estimate computed here from the disclosed ratios
 * and the day's minute bars lands within {@link Sandbox#FUND_ESTIMATE_TOLERANCE_PERCENT}
 * of the NAV {@code lsjz} publishes, and is not the NAV itself.
 * <p>
 * FundValuationLast and fund_portfolio have no clients yet, so they are called with the
 * JDK's HTTP client, which here never follows a redirect; the rest goes through the real
 * connectors.
 */
class FundAnswersIntegrationTests {

	private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

	private static final LocalDate TODAY = SandboxSettings.defaults().today();

	private static final LocalDate YESTERDAY = TradingCalendar.previousOpen(TODAY);

	private static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;

	private static final LocalTime CLOSE = LocalTime.of(15, 0);

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private static final SourceSettings.Retry RETRY = new SourceSettings.Retry(3, Duration.ofMillis(20),
			Duration.ofMillis(100), Duration.ofMillis(300));

	private static final SandboxSettings SETTINGS = SandboxSettings.defaults()
		.withUniverse(600, 6, 40)
		.withTokens(Map.of(SandboxSettings.TOKEN, SandboxSettings.Grant.everything(100_000)));

	private static final String FIELDS = "FCODE,SHORTNAME,GSZZL,GZTIME,GSZ,NAV,PDATE";

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private static final HttpClient HTTP = HttpClient.newBuilder()
		.connectTimeout(TIMEOUT)
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	/**
	 * How far the source's estimate may be from one computed here from the disclosed
	 * ratios at the same moment, in percent: the ratios' rounding (at most 0.015 %) and
	 * the estimate's own to 0.0001 CNY.
	 */
	private static final double SAME_MOMENT_PERCENT = 0.03;

	private static Sandbox sandbox;

	private static SourceStates states;

	@BeforeAll
	static void start() {
		sandbox = Sandbox.start(SETTINGS);
		states = new SourceStates();
	}

	@AfterAll
	static void stop() {
		sandbox.close();
	}

	@AfterEach
	void endTheDay() {
		// What one test set must not reach the next.
		sandbox.timeOfDay(null);
		sandbox.clearFaults();
	}

	@Test
	void namesEveryFifthFundMoneyMarketAndEveryThirdOtherOneIndexLike() {
		List<FundStyle> styles = List.copyOf(sandbox.funds().values());
		List<FundStyle> others = styles.stream().filter((style) -> style != FundStyle.MONEY_MARKET).toList();

		assertThat(styles).hasSize(40);
		assertThat(IntStream.range(0, styles.size()).filter((i) -> styles.get(i) == FundStyle.MONEY_MARKET))
			.containsExactly(4, 9, 14, 19, 24, 29, 34, 39);
		assertThat(IntStream.range(0, others.size()).filter((i) -> others.get(i) == FundStyle.INDEX_LIKE))
			.containsExactly(0, 3, 6, 9, 12, 15, 18, 21, 24, 27, 30);
		assertThat(sandbox.funds()).containsEntry("000001", FundStyle.INDEX_LIKE)
			.containsEntry("000008", FundStyle.ACTIVE)
			.containsEntry("000029", FundStyle.MONEY_MARKET);
	}

	@Test
	void listsTheOtcFundsWithMarketO() {
		TushareTable table = tushare().call("fund_basic", Map.of("market", "O"), List.of());

		assertThat(table.fields()).containsExactly("ts_code", "name", "management", "custodian", "fund_type",
				"found_date", "due_date", "list_date", "issue_date", "delist_date", "issue_amount", "m_fee", "c_fee",
				"duration_year", "p_value", "min_amount", "exp_return", "benchmark", "status", "invest_type", "type",
				"trustee", "purc_startdate", "redm_startdate", "market");
		Map<String, TushareTable.Row> byCode = new LinkedHashMap<>();
		table.named().forEach((row) -> byCode.put(row.get("ts_code").asString(), row));
		assertThat(byCode.keySet())
			.containsExactlyElementsOf(sandbox.funds().keySet().stream().map((code) -> code + ".OF").toList());
		sandbox.funds().forEach((code, style) -> {
			TushareTable.Row row = byCode.get(code + ".OF");
			assertThat(row.get("fund_type").asString()).as(code).isEqualTo(switch (style) {
				case INDEX_LIKE -> "股票型";
				case ACTIVE -> "混合型";
				case MONEY_MARKET -> "货币市场型";
			});
			assertThat(row.get("invest_type").asString()).as(code).isEqualTo(switch (style) {
				case INDEX_LIKE -> "被动指数型";
				case ACTIVE -> "混合型";
				case MONEY_MARKET -> "货币型";
			});
			assertThat(row.get("market").asString()).isEqualTo("O");
			assertThat(row.get("status").asString()).isEqualTo("L");
			assertThat(row.get("found_date").asString()).matches("\\d{8}")
				.isEqualTo(row.get("list_date").asString())
				.isLessThanOrEqualTo(DATE.format(TODAY));
		});
		assertThat(tushare().call("fund_basic", Map.of("market", "O", "status", "D"), List.of()).rows()).isEmpty();
		assertThat(tushare().call("fund_basic", Map.of("market", "E"), List.of()).named()).isNotEmpty()
			.allSatisfy((row) -> assertThat(row.get("market").asString()).isEqualTo("E"));
	}

	@Test
	void estimatesIndexLikeFundsAndSendsNullsForTheOthers() throws Exception {
		List<String> asked = new ArrayList<>(sandbox.funds().keySet());
		asked.add(1, "999999");
		asked.add("600000");
		asked.add("000001");
		long before = sandbox.calls("eastmoney:FundValuationLast");

		JsonNode answer = valuation(String.join(",", asked));

		assertThat(sandbox.calls("eastmoney:FundValuationLast") - before).isEqualTo(1);
		assertThat(answer.properties().stream().map(Map.Entry::getKey)).containsExactly("data", "errorCode",
				"firstError", "success", "hasWrongToken", "totalCount", "expansion");
		assertThat(answer.path("errorCode").asInt()).isZero();
		assertThat(answer.path("success").asBoolean()).isTrue();
		assertThat(answer.path("firstError").isNull()).isTrue();
		assertThat(answer.path("totalCount").asInt()).isEqualTo(40);
		// Unknown codes and codes of other instruments are left out, a repeated one is
		// answered once, the rest in the order asked.
		assertThat(answer.path("data").valueStream().map((fund) -> fund.path("FCODE").asString()))
			.containsExactlyElementsOf(sandbox.funds().keySet());
		for (JsonNode fund : answer.path("data")) {
			String code = fund.path("FCODE").asString();
			assertThat(fund.properties().stream().map(Map.Entry::getKey)).containsExactly("FCODE", "SHORTNAME", "GSZZL",
					"GZTIME", "GSZ", "NAV", "PDATE");
			assertThat(fund.path("SHORTNAME").asString()).isNotBlank();
			assertThat(fund.path("NAV").isString()).as(code).isTrue();
			assertThat(fund.path("NAV").asString()).matches("\\d+\\.\\d{4}");
			assertThat(fund.path("PDATE").asString()).isEqualTo(TODAY.toString());
			if (sandbox.funds().get(code) == FundStyle.INDEX_LIKE) {
				assertThat(fund.path("GSZ").asString()).as(code).matches("\\d+\\.\\d{4}");
				assertThat(fund.path("GSZZL").asString()).as(code).matches("-?\\d+\\.\\d{2}");
				assertThat(fund.path("GZTIME").asString()).isEqualTo(TODAY + " 15:00");
			}
			else {
				assertThat(List.of(fund.get("GSZ"), fund.get("GSZZL"), fund.get("GZTIME"))).as(code)
					.allSatisfy((value) -> assertThat(value.isNull()).isTrue());
			}
		}
	}

	@Test
	void comparesTheEstimateWithTheNavItStartsFrom() throws Exception {
		for (String code : indexLike()) {
			Map<LocalDate, BigDecimal> navs = navs(code, YESTERDAY, TODAY);
			JsonNode fund = valuation(code).path("data").get(0);

			BigDecimal estimate = new BigDecimal(fund.path("GSZ").asString());
			BigDecimal base = navs.get(YESTERDAY);
			// After the day, NAV is the day's own; the change stays that of the estimate.
			assertThat(new BigDecimal(fund.path("NAV").asString())).isEqualByComparingTo(navs.get(TODAY));
			assertThat(new BigDecimal(fund.path("GSZZL").asString())).as(code)
				.isEqualByComparingTo(estimate.subtract(base)
					.multiply(BigDecimal.valueOf(100))
					.divide(base, 2, RoundingMode.HALF_UP));
			assertThat(percentApart(estimate.doubleValue(), navs.get(TODAY)))
				.isLessThanOrEqualTo(Sandbox.FUND_ESTIMATE_TOLERANCE_PERCENT);
		}
	}

	@Test
	void refusesMoreThanTwoHundredCodes() throws Exception {
		// The sandbox's funds and unknown codes: what counts is how many are sent.
		List<String> codes = new ArrayList<>(sandbox.funds().keySet());
		IntStream.range(codes.size(), 201).forEach((i) -> codes.add(String.format("9%05d", i)));

		String refused = get("/mm/newCore/FundValuationLast?FCODES=" + String.join(",", codes) + "&FIELDS=" + FIELDS)
			.body();
		JsonNode accepted = valuation(String.join(",", codes.subList(0, 200)));

		assertThat(refused).isEqualTo("{\"data\":null,\"errorCode\":400,\"firstError\":\"FCODES too long\","
				+ "\"success\":false,\"hasWrongToken\":null,\"totalCount\":0,\"expansion\":null}");
		assertThat(accepted.path("success").asBoolean()).isTrue();
		assertThat(accepted.path("totalCount").asInt()).isEqualTo(40);
	}

	@Test
	void sendsOnlyTheFieldsAskedFor() throws Exception {
		JsonNode fund = MAPPER
			.readTree(get("/mm/newCore/FundValuationLast?FCODES=000001&FIELDS=GSZ,FCODE,UNKNOWN").body())
			.path("data")
			.get(0);

		assertThat(fund.properties().stream().map(Map.Entry::getKey)).containsExactly("FCODE", "GSZ");
	}

	@Test
	void theClockMovesTheEstimateAndHoldsTodaysNavBackUntilTheEvening() throws Exception {
		String code = indexLike().get(0);
		Map<String, Double> weights = disclosedWeights(code + ".OF");
		Map<String, Prices> prices = prices(weights.keySet(), TODAY, TODAY);

		sandbox.timeOfDay(LocalTime.of(8, 0));
		JsonNode early = estimateOf(code);
		LocalDate newestEarly = newestNav(code);
		sandbox.timeOfDay(LocalTime.of(10, 31, 20));
		JsonNode morning = estimateOf(code);
		Map<LocalDate, BigDecimal> navsInTheMorning = navs(code, YESTERDAY, TODAY);
		sandbox.timeOfDay(LocalTime.of(11, 30));
		JsonNode beforeLunch = estimateOf(code);
		sandbox.timeOfDay(LocalTime.of(12, 10));
		JsonNode lunch = estimateOf(code);
		sandbox.timeOfDay(LocalTime.of(16, 30));
		JsonNode afternoon = estimateOf(code);
		LocalDate newestAfternoon = newestNav(code);
		sandbox.timeOfDay(LocalTime.of(20, 0));
		JsonNode evening = estimateOf(code);
		Map<LocalDate, BigDecimal> navsInTheEvening = navs(code, YESTERDAY, TODAY);
		sandbox.timeOfDay(null);
		JsonNode dayOver = estimateOf(code);

		// Before the open: the last session's estimate, yesterday's NAV.
		assertThat(early.path("GZTIME").asString()).isEqualTo(YESTERDAY + " 15:00");
		assertThat(early.path("PDATE").asString()).isEqualTo(YESTERDAY.toString());
		assertThat(newestEarly).isEqualTo(YESTERDAY);
		// In the session: the holdings at the clock's minute.
		assertThat(morning.path("GZTIME").asString()).isEqualTo(TODAY + " 10:31");
		assertThat(morning.path("PDATE").asString()).isEqualTo(YESTERDAY.toString());
		assertThat(navsInTheMorning).containsOnlyKeys(YESTERDAY);
		assertThat(new BigDecimal(morning.path("NAV").asString()))
			.isEqualByComparingTo(navsInTheMorning.get(YESTERDAY));
		BigDecimal base = navsInTheMorning.get(YESTERDAY);
		assertThat(percentApart(holdingsEstimate(weights, prices, TODAY, LocalTime.of(10, 31), base),
				new BigDecimal(morning.path("GSZ").asString())))
			.isLessThanOrEqualTo(SAME_MOMENT_PERCENT);
		assertThat(morning.path("GSZ").asString()).isNotEqualTo(afternoon.path("GSZ").asString());
		// No bars at lunch: the clock moves on, the estimate stays.
		assertThat(lunch.path("GZTIME").asString()).isEqualTo(TODAY + " 12:10");
		assertThat(lunch.path("GSZ").asString()).isEqualTo(beforeLunch.path("GSZ").asString());
		// After the close: the close's estimate, still yesterday's NAV until 20:00.
		assertThat(afternoon.path("GZTIME").asString()).isEqualTo(TODAY + " 15:00");
		assertThat(afternoon.path("PDATE").asString()).isEqualTo(YESTERDAY.toString());
		assertThat(newestAfternoon).isEqualTo(YESTERDAY);
		assertThat(percentApart(holdingsEstimate(weights, prices, TODAY, CLOSE, base),
				new BigDecimal(afternoon.path("GSZ").asString())))
			.isLessThanOrEqualTo(SAME_MOMENT_PERCENT);
		// In the evening today's NAV is out, and stays out once the day is over.
		assertThat(evening.path("PDATE").asString()).isEqualTo(TODAY.toString());
		assertThat(new BigDecimal(evening.path("NAV").asString())).isEqualByComparingTo(navsInTheEvening.get(TODAY));
		assertThat(evening.path("GSZ").asString()).isEqualTo(afternoon.path("GSZ").asString());
		assertThat(dayOver).isEqualTo(evening);
	}

	@Test
	void theEstimatesOfTheFundsMoveThroughTheSession() throws Exception {
		String codes = String.join(",", indexLike());

		sandbox.timeOfDay(LocalTime.of(9, 45));
		Map<String, String> morning = estimates(valuation(codes));
		sandbox.timeOfDay(LocalTime.of(14, 15));
		Map<String, String> afternoon = estimates(valuation(codes));

		assertThat(morning.keySet()).containsExactlyElementsOf(indexLike());
		assertThat(morning.keySet().stream().filter((code) -> !morning.get(code).equals(afternoon.get(code))))
			.hasSizeGreaterThan(indexLike().size() / 2);
	}

	@Test
	void disclosesEachQuartersHoldingsTwentyDaysAfterTheQuarter() throws Exception {
		String fund = indexLike().get(1) + ".OF";
		long before = sandbox.calls("tushare:fund_portfolio");

		List<Map<String, JsonNode>> rows = rows(tushare(sandbox, "fund_portfolio", Map.of("ts_code", fund)));

		assertThat(sandbox.calls("tushare:fund_portfolio") - before).isEqualTo(1);
		LocalDate listed = LocalDate
			.parse(tushare().call("fund_basic", Map.of("market", "O", "ts_code", fund), List.of())
				.named()
				.get(0)
				.get("list_date")
				.asString(), DATE);
		List<LocalDate> quarters = new ArrayList<>();
		for (LocalDate end = quarterEnd(listed); !end.plusDays(20).isAfter(TODAY); end = quarterEnd(end.plusDays(1))) {
			quarters.add(0, end);
		}
		Map<String, List<Map<String, JsonNode>>> byQuarter = rows.stream()
			.collect(Collectors.groupingBy((row) -> row.get("end_date").asString(), LinkedHashMap::new,
					Collectors.toList()));
		assertThat(byQuarter.keySet()).containsExactlyElementsOf(quarters.stream().map(DATE::format).toList());
		assertThat(byQuarter.keySet()).first().isEqualTo("20260930");
		SyntheticMarket market = new SyntheticMarket(SETTINGS.seed(), new Universe(SETTINGS).ordinaryStocks());
		List<SyntheticMarket.Holding> holdings = market.holdings(new Universe(SETTINGS).find(fund));
		double equityShare = holdings.stream().mapToDouble(SyntheticMarket.Holding::weight).sum();
		byQuarter.forEach((end, quarter) -> {
			assertThat(quarter).hasSize(10)
				.allSatisfy((row) -> assertThat(row.get("ann_date").asString())
					.isEqualTo(DATE.format(LocalDate.parse(end, DATE).plusDays(20)))
					.isLessThanOrEqualTo(DATE.format(TODAY)));
			assertThat(quarter.stream().map((row) -> row.get("symbol").asString()))
				.allSatisfy((symbol) -> assertThat(symbol).matches("\\d{6}\\.(SH|SZ|BJ)"))
				.containsExactlyElementsOf(holdings.stream().map(SyntheticMarket.Holding::symbol).toList());
			double ratios = quarter.stream().mapToDouble((row) -> row.get("stk_mkv_ratio").asDouble()).sum();
			// Ten ratios rounded to hundredths of a percent add up to the equity share.
			assertThat(ratios).isBetween(59.95, 95.05).isCloseTo(equityShare * 100, within(0.05));
			assertThat(quarter).allSatisfy((row) -> {
				assertThat(row.get("mkv").asDouble()).isCloseTo(2e9 * row.get("stk_mkv_ratio").asDouble() / 100,
						within(1.1e5));
				assertThat(row.get("amount").asDouble() % 100).isZero();
				assertThat(row.get("stk_float_ratio").asDouble()).isPositive();
			});
		});
		// The shares are the market value at the quarter's close, in round lots.
		for (Map<String, JsonNode> row : byQuarter.get("20260930")) {
			List<DailyBar> september = tushare()
				.daily(row.get("symbol").asString(), LocalDate.of(2026, 9, 1), LocalDate.of(2026, 9, 30))
				.items();
			BigDecimal close = september.get(september.size() - 1).close();
			assertThat(row.get("amount").asDouble()).isCloseTo(row.get("mkv").asDouble() / close.doubleValue(),
					within(50.5));
		}
	}

	@Test
	void filtersAndPagesTheDisclosedHoldings() throws Exception {
		String fund = indexLike().get(2) + ".OF";
		List<Map<String, JsonNode>> all = rows(tushare(sandbox, "fund_portfolio", Map.of("ts_code", fund)));

		List<Map<String, JsonNode>> firstHalf = rows(tushare(sandbox, "fund_portfolio",
				Map.of("ts_code", fund, "start_date", "20260101", "end_date", "20260630")));
		List<Map<String, JsonNode>> announced = rows(
				tushare(sandbox, "fund_portfolio", Map.of("ts_code", fund, "ann_date", "20260720")));
		List<Map<String, JsonNode>> page = rows(
				tushare(sandbox, "fund_portfolio", Map.of("ts_code", fund, "limit", 7, "offset", 7)));
		JsonNode withoutFund = tushare(sandbox, "fund_portfolio", Map.of("end_date", "20260930"));
		String moneyFund = sandbox.funds()
			.entrySet()
			.stream()
			.filter((entry) -> entry.getValue() == FundStyle.MONEY_MARKET)
			.findFirst()
			.orElseThrow()
			.getKey() + ".OF";

		assertThat(firstHalf.stream().map((row) -> row.get("end_date").asString()).distinct())
			.containsExactly("20260630", "20260331");
		assertThat(announced).hasSize(10)
			.allSatisfy((row) -> assertThat(row.get("end_date").asString()).isEqualTo("20260630"));
		assertThat(page).isEqualTo(all.subList(7, 14));
		assertThat(withoutFund.path("code").asInt()).isEqualTo(50101);
		assertThat(withoutFund.path("msg").asString()).contains("必填参数ts_code不能为空");
		assertThat(withoutFund.path("data").isNull()).isTrue();
		assertThat(rows(tushare(sandbox, "fund_portfolio", Map.of("ts_code", moneyFund)))).isEmpty();
	}

	@Test
	void disclosesAQuarterOnlyFromItsAnnouncement() throws Exception {
		String fund = indexLike().get(0) + ".OF";
		try (Sandbox dayBefore = Sandbox.start(SETTINGS.withToday(LocalDate.of(2026, 10, 19)));
				Sandbox dayOf = Sandbox.start(SETTINGS.withToday(LocalDate.of(2026, 10, 20)))) {
			assertThat(rows(tushare(dayBefore, "fund_portfolio", Map.of("ts_code", fund))).get(0)
				.get("end_date")
				.asString()).isEqualTo("20260630");
			assertThat(
					rows(tushare(dayOf, "fund_portfolio", Map.of("ts_code", fund))).get(0).get("end_date").asString())
				.isEqualTo("20260930");
		}
	}

	@Test
	void estimatesFromTheDisclosedHoldingsLandWithinTheToleranceOfThePublishedNav() {
		LocalDate from = LocalDate.of(2026, 11, 9);
		List<LocalDate> days = TradingCalendar.openDays(from, TODAY);
		List<String> funds = sandbox.funds()
			.entrySet()
			.stream()
			.filter((entry) -> entry.getValue() != FundStyle.MONEY_MARKET)
			.map(Map.Entry::getKey)
			.limit(6)
			.toList();
		int compared = 0;
		int exact = 0;
		double widest = 0;
		for (String code : funds) {
			Map<String, Double> weights = disclosedWeights(code + ".OF");
			Map<String, Prices> prices = prices(weights.keySet(), from, TODAY);
			Map<LocalDate, BigDecimal> navs = navs(code, TradingCalendar.previousOpen(from), TODAY);
			for (LocalDate day : days) {
				BigDecimal previous = navs.get(TradingCalendar.previousOpen(day));
				BigDecimal nav = navs.get(day);
				double estimate = holdingsEstimate(weights, prices, day, CLOSE, previous);
				double apart = percentApart(estimate, nav);

				assertThat(apart).as("%s on %s: estimate %.6f, NAV %s", code, day, estimate, nav)
					.isLessThanOrEqualTo(Sandbox.FUND_ESTIMATE_TOLERANCE_PERCENT);
				widest = Math.max(widest, apart);
				compared++;
				if (BigDecimal.valueOf(estimate).setScale(4, RoundingMode.HALF_UP).compareTo(nav) == 0) {
					exact++;
				}
			}
		}
		// The NAV is not the estimate: the undisclosed rest of the portfolio moves it
		// too.
		assertThat(compared).isEqualTo(funds.size() * days.size());
		assertThat(exact).isLessThan(compared / 4);
		assertThat(widest).isGreaterThan(0.05);
	}

	@Test
	void eachNavFollowsTheOneBeforeByItsHoldingsAndASmallNoise() {
		LocalDate from = LocalDate.of(2026, 1, 5);
		List<LocalDate> days = TradingCalendar.openDays(from.plusDays(1), TODAY);
		List<Double> residuals = new ArrayList<>();
		for (String code : indexLike().subList(0, 3)) {
			Map<String, Double> weights = disclosedWeights(code + ".OF");
			Map<String, Map<LocalDate, DailyBar>> bars = new HashMap<>();
			weights.keySet().forEach((symbol) -> bars.put(symbol, daily(symbol, from, TODAY)));
			Map<LocalDate, BigDecimal> navs = navs(code, from, TODAY);
			for (LocalDate day : days) {
				double previous = navs.get(TradingCalendar.previousOpen(day)).doubleValue();
				double move = 0;
				for (Map.Entry<String, Double> weight : weights.entrySet()) {
					DailyBar bar = bars.get(weight.getKey()).get(day);
					move += (bar != null)
							? weight.getValue() * (bar.close().doubleValue() / bar.preClose().doubleValue() - 1) : 0;
				}
				double residual = navs.get(day).doubleValue() / previous - 1 - move;
				// The noise, at most four standard deviations of 0.06 %; the ratios'
				// rounding; the NAVs' rounding.
				assertThat(Math.abs(residual)).as("%s on %s", code, day)
					.isLessThanOrEqualTo(0.0024 + 0.00015 + 0.0001 / previous);
				residuals.add(residual);
			}
		}
		double mean = residuals.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
		double spread = Math
			.sqrt(residuals.stream().mapToDouble((residual) -> (residual - mean) * (residual - mean)).sum()
					/ (residuals.size() - 1));
		assertThat(spread).isBetween(0.00045, 0.00075);
	}

	@Test
	void retiresFundgzWithARedirectThatStaysOnTheSandbox() throws Exception {
		long before = sandbox.calls("eastmoney:fundgz");

		HttpResponse<String> estimate = get("/js/000001.js?rt=1763600000000");
		HttpResponse<String> page = get(estimate.headers().firstValue("Location").orElseThrow());

		assertThat(sandbox.calls("eastmoney:fundgz") - before).isEqualTo(1);
		assertThat(estimate.statusCode()).isEqualTo(301);
		assertThat(estimate.headers().firstValue("Location")).hasValue("/notfound.html");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/html"));
		assertThat(page.body()).contains("<title>404 - 页面不存在</title>").contains("notfound.html");
	}

	@Test
	void takesFaultsOnTheEstimateEndpoint() throws Exception {
		sandbox.inject("eastmoney:FundValuationLast", "FCODES", "000001", SandboxFault.HTTP_500, 1);
		long before = sandbox.calls("eastmoney:FundValuationLast");

		HttpResponse<String> other = get("/mm/newCore/FundValuationLast?FCODES=000022&FIELDS=" + FIELDS);
		HttpResponse<String> faulted = get("/mm/newCore/FundValuationLast?FCODES=000001&FIELDS=" + FIELDS);
		HttpResponse<String> again = get("/mm/newCore/FundValuationLast?FCODES=000001&FIELDS=" + FIELDS);

		assertThat(other.statusCode()).isEqualTo(200);
		assertThat(faulted.statusCode()).isEqualTo(500);
		assertThat(again.statusCode()).isEqualTo(200);
		assertThat(sandbox.calls("eastmoney:FundValuationLast") - before).isEqualTo(3);
	}

	@Test
	void answersTheSameBytesForTheSameSettings() throws Exception {
		String codes = String.join(",", sandbox.funds().keySet());
		String estimates = "/mm/newCore/FundValuationLast?FCODES=" + codes + "&FIELDS=" + FIELDS;
		try (Sandbox same = Sandbox.start(SETTINGS); Sandbox other = Sandbox.start(SETTINGS.withSeed(7))) {
			assertThat(get(same, estimates).body()).isEqualTo(get(sandbox, estimates).body())
				.isNotEqualTo(get(other, estimates).body());
			String fund = indexLike().get(0) + ".OF";
			assertThat(tushare(same, "fund_portfolio", Map.of("ts_code", fund)))
				.isEqualTo(tushare(sandbox, "fund_portfolio", Map.of("ts_code", fund)))
				.isNotEqualTo(tushare(other, "fund_portfolio", Map.of("ts_code", fund)));
		}
	}

	private static List<String> indexLike() {
		return sandbox.funds()
			.entrySet()
			.stream()
			.filter((entry) -> entry.getValue() == FundStyle.INDEX_LIKE)
			.map(Map.Entry::getKey)
			.toList();
	}

	/**
	 * What an estimator that knows the disclosed weights and the day's minute bars makes
	 * of a fund's NAV at a moment: each holding's last price by then (the opening price
	 * before the first bar ends) over its pre-close, weighted, on the previous NAV.
	 */
	private static double holdingsEstimate(Map<String, Double> weights, Map<String, Prices> prices, LocalDate day,
			LocalTime at, BigDecimal previousNav) {
		double move = 0;
		for (Map.Entry<String, Double> weight : weights.entrySet()) {
			Prices held = prices.get(weight.getKey());
			DailyBar bar = held.days().get(day);
			List<Bar> minutes = held.minutes().getOrDefault(day, List.of());
			if (bar == null || minutes.isEmpty()) {
				continue;
			}
			BigDecimal last = minutes.get(0).open();
			for (Bar minute : minutes) {
				if (LocalDateTime.ofInstant(minute.end(), BEIJING).toLocalTime().isAfter(at)) {
					break;
				}
				last = minute.close();
			}
			move += weight.getValue() * (last.doubleValue() / bar.preClose().doubleValue() - 1);
		}
		return previousNav.doubleValue() * (1 + move);
	}

	private static double percentApart(double estimate, BigDecimal nav) {
		return Math.abs(estimate / nav.doubleValue() - 1) * 100;
	}

	/** The latest disclosed weights of a fund, as fractions of its NAV. */
	private static Map<String, Double> disclosedWeights(String fund) {
		try {
			List<Map<String, JsonNode>> rows = rows(tushare(sandbox, "fund_portfolio", Map.of("ts_code", fund)));
			String latest = rows.get(0).get("end_date").asString();
			Map<String, Double> weights = new LinkedHashMap<>();
			rows.stream()
				.filter((row) -> row.get("end_date").asString().equals(latest))
				.forEach((row) -> weights.put(row.get("symbol").asString(), row.get("stk_mkv_ratio").asDouble() / 100));
			assertThat(weights).hasSize(10);
			return weights;
		}
		catch (IOException | InterruptedException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Map<String, Prices> prices(Iterable<String> symbols, LocalDate from, LocalDate to) {
		Map<String, Prices> prices = new HashMap<>();
		for (String symbol : symbols) {
			Map<LocalDate, List<Bar>> minutes = tushare().minuteBars(symbol, "1min", from, to)
				.items()
				.stream()
				.collect(Collectors.groupingBy((bar) -> LocalDateTime.ofInstant(bar.end(), BEIJING).toLocalDate()));
			prices.put(symbol, new Prices(daily(symbol, from, to), minutes));
		}
		return prices;
	}

	private static Map<LocalDate, DailyBar> daily(String symbol, LocalDate from, LocalDate to) {
		Map<LocalDate, DailyBar> days = new TreeMap<>();
		tushare().daily(symbol, from, to).items().forEach((bar) -> days.put(bar.tradeDate(), bar));
		return days;
	}

	private static Map<LocalDate, BigDecimal> navs(String code, LocalDate from, LocalDate to) {
		Map<LocalDate, BigDecimal> navs = new TreeMap<>();
		eastmoney().navHistory(code, from, to)
			.items()
			.forEach((day) -> navs.put(((FundNav) day).date(), ((FundNav) day).unitNav()));
		return navs;
	}

	private static LocalDate newestNav(String code) {
		return navs(code, YESTERDAY.minusDays(7), TODAY).keySet().stream().max(LocalDate::compareTo).orElseThrow();
	}

	private static JsonNode estimateOf(String code) throws IOException, InterruptedException {
		JsonNode data = valuation(code).path("data");
		assertThat(data).hasSize(1);
		return data.get(0);
	}

	private static Map<String, String> estimates(JsonNode answer) {
		Map<String, String> estimates = new LinkedHashMap<>();
		answer.path("data")
			.forEach((fund) -> estimates.put(fund.path("FCODE").asString(), fund.path("GSZ").asString()));
		return estimates;
	}

	/** As the app asks: the codes and fields, and the device parameters it also sends. */
	private static JsonNode valuation(String codes) throws IOException, InterruptedException {
		HttpResponse<String> response = get("/mm/newCore/FundValuationLast?FCODES=" + codes + "&FIELDS=" + FIELDS
				+ "&product=EFund&deviceid=sandbox-tests&plat=Iphone&version=6.5.5");
		assertThat(response.statusCode()).isEqualTo(200);
		return MAPPER.readTree(response.body());
	}

	private static HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
		return get(sandbox, pathAndQuery);
	}

	private static HttpResponse<String> get(Sandbox on, String pathAndQuery) throws IOException, InterruptedException {
		URI url = on.baseUrl().resolve(pathAndQuery);
		assertThat(url.getHost()).isEqualTo("127.0.0.1");
		return HTTP.send(HttpRequest.newBuilder(url).timeout(TIMEOUT).GET().build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private static JsonNode tushare(Sandbox on, String api, Map<String, Object> params)
			throws IOException, InterruptedException {
		ObjectNode request = MAPPER.createObjectNode();
		request.put("api_name", api);
		request.put("token", SandboxSettings.TOKEN);
		request.set("params", MAPPER.valueToTree(params));
		request.put("fields", "");
		HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(on.baseUrl())
			.timeout(TIMEOUT)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(MAPPER.writeValueAsString(request)))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		return MAPPER.readTree(response.body());
	}

	private static List<Map<String, JsonNode>> rows(JsonNode answer) {
		assertThat(answer.path("code").asInt()).as(answer.path("msg").asString()).isZero();
		List<String> fields = answer.path("data").path("fields").valueStream().map(JsonNode::asString).toList();
		List<Map<String, JsonNode>> rows = new ArrayList<>();
		for (JsonNode item : answer.path("data").path("items")) {
			Map<String, JsonNode> row = new LinkedHashMap<>();
			for (int i = 0; i < fields.size(); i++) {
				row.put(fields.get(i), item.get(i));
			}
			rows.add(row);
		}
		return rows;
	}

	private static LocalDate quarterEnd(LocalDate day) {
		return day.withDayOfMonth(1).withMonth(((day.getMonthValue() - 1) / 3 + 1) * 3).plusMonths(1).minusDays(1);
	}

	private static SourceSettings settings() {
		return new SourceSettings(sandbox.baseUrl(), TIMEOUT, TIMEOUT, null, Map.of(), RETRY);
	}

	private static TushareClient tushare() {
		return new TushareClient(new SourceHttp(SourceName.TUSHARE, settings()),
				new SourceGate(SourceName.TUSHARE, settings(), CallQuota.unlimited(), states),
				Secret.of(SandboxSettings.TOKEN));
	}

	private static EastmoneyClient eastmoney() {
		SourceHttp http = new SourceHttp(SourceName.EASTMONEY, settings());
		return new EastmoneyClient(http, http,
				new SourceGate(SourceName.EASTMONEY, settings(), CallQuota.unlimited(), states));
	}

	/**
	 * A holding's prices over some days, as Tushare sends them.
	 *
	 * @param days the day bars, by day
	 * @param minutes the one-minute bars, oldest first, by day
	 */
	private record Prices(Map<LocalDate, DailyBar> days, Map<LocalDate, List<Bar>> minutes) {
	}

}
