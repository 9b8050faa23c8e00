package com.marketbase.batch.sandbox;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.marketbase.batch.warehouse.Bar;
import com.marketbase.batch.warehouse.DailyBar;
import com.marketbase.batch.support.rows.Fetched;
import com.marketbase.batch.warehouse.reference.Instrument;
import com.marketbase.batch.source.PermanentSourceException;
import com.marketbase.batch.source.Secret;
import com.marketbase.batch.source.SourceGate;
import com.marketbase.batch.source.SourceHttp;
import com.marketbase.batch.source.SourceName;
import com.marketbase.batch.source.SourceSettings;
import com.marketbase.batch.source.SourceState;
import com.marketbase.batch.source.SourceStates;
import com.marketbase.batch.warehouse.reference.TradingDay;
import com.marketbase.batch.source.TransientSourceException;
import com.marketbase.batch.source.eastmoney.EastmoneyClient;
import com.marketbase.batch.source.eastmoney.FundDay;
import com.marketbase.batch.source.eastmoney.FundNav;
import com.marketbase.batch.source.eastmoney.MoneyFundIncome;
import com.marketbase.batch.source.quota.CallQuota;
import com.marketbase.batch.source.tdx.TdxClient;
import com.marketbase.batch.source.tdx.TdxCode;
import com.marketbase.batch.source.tdx.TdxMinutePoint;
import com.marketbase.batch.source.tushare.TushareClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The real connectors against the sandbox over real HTTP on loopback: paging and window
 * splitting, cross-source consistency, and how every fault kind ends.
 * <p>
 * Nothing here depends on how fast the machine is: every client waits generously for an
 * answer, except those that test a stall, which give up after seconds on a stall of
 * minutes; and every fault is injected for the request it is meant for, so no other
 * request can take it.
 */
class SourceSandboxIntegrationTests {

	private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

	/**
	 * How long a {@link SandboxFault#TIMEOUT} stalls: minutes, so that it always outlasts
	 * the read timeout of the client that tests it.
	 */
	private static final Duration STALL = Duration.ofMinutes(10);

	/**
	 * The read timeout of the clients that test a stall: seconds, far below the stall and
	 * far above what an answer on loopback takes, even on a busy machine.
	 */
	private static final Duration STALL_READ_TIMEOUT = Duration.ofSeconds(3);

	/**
	 * Every other client's timeouts: generous, so that a busy machine's slow answer (the
	 * whole market of a day takes a while) is never taken for a timeout and retried.
	 */
	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private static final SourceSettings.Retry RETRY = new SourceSettings.Retry(3, Duration.ofMillis(20),
			Duration.ofMillis(100), Duration.ofMillis(300));

	/** Every attempt a client makes at one request: the first one and its retries. */
	private static final int ATTEMPTS = RETRY.maxRetries() + 1;

	private static Sandbox sandbox;

	private static SourceStates states;

	@BeforeAll
	static void start() {
		sandbox = Sandbox.start(SandboxSettings.defaults()
			.withUniverse(7000, 12, 40)
			.withStallFor(STALL)
			.withTokens(Map.of(SandboxSettings.TOKEN, SandboxSettings.Grant.everything(100_000), "basic-token",
					new SandboxSettings.Grant(Set.of("daily", "trade_cal"), 100_000), "tight-token",
					SandboxSettings.Grant.everything(3)))
			.withQuotaWindow(Duration.ofSeconds(2)));
		states = new SourceStates();
	}

	@AfterAll
	static void stop() {
		// Also ends the stalls the clients that tested them gave up on.
		sandbox.close();
	}

	@AfterEach
	void clearFaults() {
		// What a test injected and no call took (a test that failed half-way, or faults
		// meant for every attempt) must not reach the next test.
		sandbox.clearFaults();
	}

	private static SourceSettings settings() {
		return settings(TIMEOUT);
	}

	private static SourceSettings settings(Duration readTimeout) {
		return new SourceSettings(sandbox.baseUrl(), TIMEOUT, readTimeout, null, Map.of(), RETRY);
	}

	private static TushareClient tushare(String token) {
		return tushare(token, settings());
	}

	private static TushareClient tushare(String token, SourceSettings settings) {
		return new TushareClient(new SourceHttp(SourceName.TUSHARE, settings),
				new SourceGate(SourceName.TUSHARE, settings, CallQuota.unlimited(), states), Secret.of(token));
	}

	private static TdxClient tdx() {
		return tdx(settings());
	}

	private static TdxClient tdx(SourceSettings settings) {
		return new TdxClient(new SourceHttp(SourceName.TDX, settings),
				new SourceGate(SourceName.TDX, settings, CallQuota.unlimited(), states));
	}

	private static EastmoneyClient eastmoney() {
		return eastmoney(settings());
	}

	private static EastmoneyClient eastmoney(SourceSettings settings) {
		SourceHttp http = new SourceHttp(SourceName.EASTMONEY, settings);
		return new EastmoneyClient(http, http,
				new SourceGate(SourceName.EASTMONEY, settings, CallQuota.unlimited(), states));
	}

	@Test
	void servesTheRealExchangeCalendar() {
		Fetched<TradingDay> days = tushare(SandboxSettings.TOKEN).tradeCalendar("SSE", LocalDate.of(2024, 1, 1),
				LocalDate.of(2026, 12, 31));

		Map<Integer, Long> open = days.items()
			.stream()
			.filter(TradingDay::open)
			.collect(Collectors.groupingBy((day) -> day.date().getYear(), Collectors.counting()));
		assertThat(open).containsExactlyInAnyOrderEntriesOf(Map.of(2024, 242L, 2025, 243L, 2026, 242L));
		// A make-up working Saturday stays closed; the day after the 2025 National Day
		// break opens.
		assertThat(day(days, LocalDate.of(2025, 9, 28)).open()).isFalse();
		assertThat(day(days, LocalDate.of(2025, 10, 9)).previousOpen()).isEqualTo(LocalDate.of(2025, 9, 30));
	}

	@Test
	void pagesThroughTheStockListPastTheRowCapExactlyOnce() {
		long before = sandbox.calls("tushare:stock_basic");

		Fetched<Instrument> stocks = tushare(SandboxSettings.TOKEN).stocks("L");

		Set<String> symbols = new HashSet<>();
		stocks.items().forEach((stock) -> assertThat(symbols.add(stock.symbol())).isTrue());
		long listed = stocks.items().size();
		assertThat(listed).isGreaterThan(6000);
		assertThat(symbols).contains("600000.SH", "000001.SZ", "920001.BJ");
		assertThat(sandbox.calls("tushare:stock_basic") - before).isEqualTo(2);
	}

	@Test
	void splitsAMinuteWindowThatWouldHitTheCapAndLosesNoBar() {
		LocalDate start = LocalDate.of(2026, 8, 3);
		LocalDate end = LocalDate.of(2026, 9, 30);
		long before = sandbox.calls("tushare:stk_mins");

		Fetched<Bar> bars = tushare(SandboxSettings.TOKEN).minuteBars("510300.SH", "1min", start, end);

		long tradingDays = start.datesUntil(end.plusDays(1)).filter(TradingCalendar::isOpen).count();
		assertThat(tradingDays * 241).isGreaterThan(8000);
		assertThat(bars.items()).hasSize((int) tradingDays * 240);
		assertThat(bars.items().stream().map(Bar::end).distinct().count()).isEqualTo(bars.items().size());
		assertThat(sandbox.calls("tushare:stk_mins") - before).isGreaterThan(2);
		assertThat(bars.rejected()).isEmpty();
	}

	@Test
	void pagesTheWholeMarketOfOneDay() {
		Fetched<DailyBar> market = tushare(SandboxSettings.TOKEN).dailyOfMarket(LocalDate.of(2026, 11, 20));

		assertThat(market.items()).hasSizeGreaterThan(6000);
		assertThat(market.items().stream().map(DailyBar::symbol).distinct().count()).isEqualTo(market.items().size());
	}

	@Test
	void keepsMinuteBarsConsistentWithTheDailyBarAcrossSources() {
		LocalDate day = LocalDate.of(2026, 11, 19);
		DailyBar daily = tushare(SandboxSettings.TOKEN).daily("600000.SH", day, day).items().get(0);
		List<Bar> tushareMinutes = tushare(SandboxSettings.TOKEN).minuteBars("600000.SH", "1min", day, day).items();
		List<TdxMinutePoint> points = tdx().minutePoints(TdxCode.stock("600000.SH"), day).items();
		DailyBar tdxDaily = tdx().dailyBars(TdxCode.stock("600000.SH"), day, day).items().get(0);

		assertThat(tushareMinutes).hasSize(240);
		assertThat(points).hasSize(240);
		assertThat(tushareMinutes.get(0).end().atZone(BEIJING).toLocalTime()).isEqualTo(LocalTime.of(9, 31));
		assertThat(tushareMinutes.get(239).end().atZone(BEIJING).toLocalTime()).isEqualTo(LocalTime.of(15, 0));
		assertThat(tushareMinutes.get(0).open()).isEqualByComparingTo(daily.open());
		assertThat(tushareMinutes.get(239).close()).isEqualByComparingTo(daily.close());
		assertThat(tushareMinutes.stream().map(Bar::high).max(BigDecimal::compareTo)).hasValue(daily.high());
		assertThat(tushareMinutes.stream().map(Bar::low).min(BigDecimal::compareTo)).hasValue(daily.low());
		assertThat(tushareMinutes.stream().mapToLong(Bar::volume).sum()).isEqualTo(daily.volume());
		assertThat(tushareMinutes.stream().map(Bar::amount).reduce(BigDecimal.ZERO, BigDecimal::add))
			.isEqualByComparingTo(daily.amount());
		assertThat(points.stream().mapToLong(TdxMinutePoint::volume).sum()).isEqualTo(daily.volume());
		assertThat(tdxDaily).usingRecursiveComparison()
			.withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
			.isEqualTo(new DailyBar(daily.symbol(), day, daily.open(), daily.high(), daily.low(), daily.close(), null,
					daily.volume(), daily.amount()));
	}

	@Test
	void tellsIndexesFromStocksWithTheSameDigits() {
		List<Bar> index = tdx().latestBars(TdxCode.index("000001.SH"), "minute1", 240).items();
		List<Bar> bank = tdx().latestBars(TdxCode.stock("000001.SZ"), "minute1", 240).items();

		assertThat(index).hasSize(240).allSatisfy((bar) -> assertThat(bar.symbol()).isEqualTo("000001.SH"));
		assertThat(index.get(0).close()).isNotEqualByComparingTo(bank.get(0).close());
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> tdx().latestBars(TdxCode.stock("600000.SH"), "minute1", 801));
	}

	@Test
	void readsTheOtherTdxEndpoints() {
		TdxClient tdx = tdx();

		assertThat(tdx.healthy()).isTrue();
		assertThat(tdx.stocks("bj").items()).hasSizeGreaterThan(600)
			.allSatisfy((stock) -> assertThat(stock.exchange()).isEqualTo("BSE"));
		assertThat(tdx.tradingDays(LocalDate.of(2025, 9, 29), LocalDate.of(2025, 10, 10))).containsExactly(
				LocalDate.of(2025, 9, 29), LocalDate.of(2025, 9, 30), LocalDate.of(2025, 10, 9),
				LocalDate.of(2025, 10, 10));
		assertThat(tdx.trades(TdxCode.stock("600000.SH"), LocalDate.of(2026, 11, 19)).items()).hasSizeGreaterThan(240);
		assertThatExceptionOfType(PermanentSourceException.class)
			.isThrownBy(() -> tdx.tradingDays(LocalDate.of(2025, 10, 10), LocalDate.of(2025, 9, 1)))
			.withMessage(
					"TDX gateway refused /api/workday/range: the gateway refused the request (end 必须大于或等于 start).");
	}

	@Test
	void leavesAHoleInTheGatewaysStoreOutOfTheTdxCalendar() {
		try (Sandbox holed = Sandbox.start(SandboxSettings.defaults().withUniverse(50, 6, 10))) {
			// Ten weekdays without index bars: longer than any closure, so no holiday.
			holed.dropTdxWorkdays(LocalDate.of(2026, 3, 2), LocalDate.of(2026, 3, 13));

			List<TradingDay> days = tdx(settings().at(holed.baseUrl())).calendar("SSE", LocalDate.of(2026, 2, 1),
					LocalDate.of(2026, 3, 31));

			assertThat(days).extracting(TradingDay::date)
				.doesNotContainAnyElementsOf(LocalDate.of(2026, 2, 28).datesUntil(LocalDate.of(2026, 3, 16)).toList())
				.contains(LocalDate.of(2026, 2, 1), LocalDate.of(2026, 2, 27), LocalDate.of(2026, 3, 31));
			assertThat(day(days, LocalDate.of(2026, 3, 16)))
				.isEqualTo(new TradingDay("SSE", LocalDate.of(2026, 3, 16), true, null));
			// The six weekdays of the Spring Festival stay a holiday.
			assertThat(day(days, LocalDate.of(2026, 2, 16)).open()).isFalse();
			assertThat(day(days, LocalDate.of(2026, 2, 24)).previousOpen()).isEqualTo(LocalDate.of(2026, 2, 13));
		}
	}

	@Test
	void pagesNavHistoryTwentyRowsAtATime() {
		long before = sandbox.calls("eastmoney:f10/lsjz");

		Fetched<FundDay> navs = eastmoney().navHistory("000001", LocalDate.of(2026, 1, 1), LocalDate.of(2026, 11, 20));
		Fetched<FundDay> money = eastmoney().navHistory("000029", LocalDate.of(2026, 10, 1),
				LocalDate.of(2026, 11, 20));

		long days = LocalDate.of(2026, 1, 1)
			.datesUntil(LocalDate.of(2026, 11, 21))
			.filter(TradingCalendar::isOpen)
			.count();
		assertThat(navs.items()).hasSize((int) days).allSatisfy((day) -> assertThat(day).isInstanceOf(FundNav.class));
		assertThat(sandbox.calls("eastmoney:f10/lsjz") - before).isGreaterThanOrEqualTo((days + 19) / 20);
		assertThat(money.items()).isNotEmpty().allSatisfy((day) -> assertThat(day).isInstanceOf(MoneyFundIncome.class));
	}

	@Test
	void answersTheRetiredEstimateEndpointWithItsNotFoundPage() {
		long before = sandbox.calls("eastmoney:fundgz");
		long pages = sandbox.calls("eastmoney:notfound.html");

		// The client follows the redirect, which stays on the sandbox, and reads the
		// page it ends on as the retirement: no retry, whatever the fund.
		for (String code : List.of("000001", "000029")) {
			assertThatExceptionOfType(PermanentSourceException.class).isThrownBy(() -> eastmoney().estimate(code))
				.withMessageStartingWith("Eastmoney refused fundgz: Eastmoney retired fundgz")
				.withMessageContaining("since 2026-07-20");
		}

		assertThat(sandbox.calls("eastmoney:fundgz") - before).isEqualTo(2);
		assertThat(sandbox.calls("eastmoney:notfound.html") - pages).isEqualTo(2);
	}

	@Test
	void retriesEachTransientFaultAndRecovers() {
		for (SandboxFault fault : List.of(SandboxFault.HTTP_500, SandboxFault.HTTP_502, SandboxFault.TIMEOUT,
				SandboxFault.RESET, SandboxFault.MALFORMED_JSON, SandboxFault.HTML, SandboxFault.TRUNCATED)) {
			LocalDate day = LocalDate.of(2026, 11, 18);
			// Only the clients that test the stall wait but seconds.
			SourceSettings settings = settings((fault == SandboxFault.TIMEOUT) ? STALL_READ_TIMEOUT : TIMEOUT);
			// Each fault is meant for the request below and its retries, which are the
			// only requests with that instrument: its first attempts take the faults and
			// the next retry gets a clean answer.
			sandbox.inject("tushare:daily", "ts_code", "600000.SH", fault, 2);
			sandbox.inject("tdx:/api/minute", "code", "600000", fault, 1);
			sandbox.inject("eastmoney:f10/lsjz", "fundCode", "000008", fault, 1);

			assertThat(tushare(SandboxSettings.TOKEN, settings).daily("600000.SH", day, day).items()).as(fault.name())
				.hasSize(1);
			assertThat(tdx(settings).minutePoints(TdxCode.stock("600000.SH"), day).items()).as(fault.name())
				.hasSize(240);
			assertThat(eastmoney(settings).navHistory("000008", day, day).items()).as(fault.name()).hasSize(1);
		}
		assertThat(states.of(SourceName.TUSHARE)).isEqualTo(SourceState.OK);
	}

	@Test
	void answersAStalledCallWhenItsStallEnds() {
		// A short stall here: the client waits far longer, so it sees the late answer.
		Duration stall = Duration.ofSeconds(1);
		try (Sandbox slow = Sandbox.start(SandboxSettings.defaults().withUniverse(50, 6, 10).withStallFor(stall))) {
			slow.inject("tdx:/api/health", SandboxFault.TIMEOUT, 1);
			long started = System.nanoTime();

			assertThat(tdx(settings().at(slow.baseUrl())).healthy()).isTrue();

			assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(stall);
			assertThat(slow.calls("tdx:/api/health")).isEqualTo(1);
		}
	}

	@Test
	void dropsItsStalledCallsWhenItCloses() throws Exception {
		CompletableFuture<HttpResponse<String>> answer;
		try (Sandbox stalling = Sandbox.start(SandboxSettings.defaults().withUniverse(50, 6, 10).withStallFor(STALL))) {
			stalling.inject("tdx:/api/health", SandboxFault.TIMEOUT, 1);
			answer = HttpClient.newHttpClient()
				.sendAsync(HttpRequest.newBuilder(stalling.baseUrl().resolve("/api/health")).build(),
						HttpResponse.BodyHandlers.ofString());
			long deadline = System.nanoTime() + TIMEOUT.toNanos();
			while (stalling.calls("tdx:/api/health") == 0 && System.nanoTime() < deadline) {
				Thread.sleep(10);
			}
			assertThat(stalling.calls("tdx:/api/health")).as("calls that reached the sandbox").isEqualTo(1);
		}

		// Long before the stall of minutes would end.
		assertThatExceptionOfType(ExecutionException.class)
			.isThrownBy(() -> answer.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS))
			.withCauseInstanceOf(IOException.class);
	}

	@Test
	void givesUpOnAPersistentFaultAfterItsRetries() {
		// On every attempt at this request, which makes the client give up; the call
		// after it finds no fault left.
		sandbox.inject("tushare:adj_factor", "ts_code", "600000.SH", SandboxFault.HTTP_500, ATTEMPTS);

		assertThatExceptionOfType(TransientSourceException.class)
			.isThrownBy(() -> tushare(SandboxSettings.TOKEN).adjustmentFactors("600000.SH", LocalDate.of(2026, 1, 5),
					LocalDate.of(2026, 1, 9)))
			.withMessageStartingWith("Tushare Pro adj_factor failed for now: gave up after 4 attempts");
		assertThat(states.of(SourceName.TUSHARE)).isEqualTo(SourceState.FAILING);
		tushare(SandboxSettings.TOKEN).adjustmentFactors("600000.SH", LocalDate.of(2026, 1, 5),
				LocalDate.of(2026, 1, 9));
		assertThat(states.of(SourceName.TUSHARE)).isEqualTo(SourceState.OK);
	}

	@Test
	void rejectsImpossibleRowsAndKeepsTheRest() {
		LocalDate from = LocalDate.of(2026, 11, 2);
		LocalDate to = LocalDate.of(2026, 11, 13);
		int traded = tushare(SandboxSettings.TOKEN).daily("600000.SH", from, to).items().size();
		// A corrupt row is no transient failure: a source sends it again when asked
		// again, so every attempt at each request below gets it, and a retry (after a
		// failure of its own) cannot hide it. What is left over is cleared after the
		// test.
		sandbox.inject("tushare:daily", "ts_code", "600000.SH", SandboxFault.IMPOSSIBLE_ROWS, ATTEMPTS);
		sandbox.inject("tdx:/api/kline-all", "code", "600000", SandboxFault.IMPOSSIBLE_ROWS, ATTEMPTS);
		sandbox.inject("eastmoney:f10/lsjz", "fundCode", "000008", SandboxFault.IMPOSSIBLE_ROWS, ATTEMPTS);

		Fetched<DailyBar> daily = tushare(SandboxSettings.TOKEN).daily("600000.SH", from, to);
		Fetched<DailyBar> tdxDaily = tdx().dailyBars(TdxCode.stock("600000.SH"), TradingCalendar.FIRST, to);
		Fetched<FundDay> navs = eastmoney().navHistory("000008", from, to);

		assertThat(daily.items()).hasSize(traded - 1);
		assertThat(daily.rejected()).singleElement()
			.satisfies((row) -> assertThat(row.reason()).contains("is below low"));
		assertThat(tdxDaily.rejected()).singleElement()
			.satisfies((row) -> assertThat(row.reason()).contains("is below low"));
		assertThat(navs.items()).hasSize(9);
		assertThat(navs.rejected()).singleElement()
			.satisfies((row) -> assertThat(row.reason()).contains("not a positive NAV"));
	}

	@Test
	void failsAtOnceWithOneSentenceOnPermanentRefusals() {
		long before = sandbox.calls("tushare:fund_daily");

		assertThatExceptionOfType(PermanentSourceException.class).isThrownBy(
				() -> tushare("basic-token").fundDaily("510300.SH", LocalDate.of(2026, 1, 5), LocalDate.of(2026, 1, 9)))
			.withMessageStartingWith("Tushare Pro refused fund_daily: the token has no permission for fund_daily")
			.withMessageNotContaining("basic-token");
		assertThat(sandbox.calls("tushare:fund_daily") - before).isEqualTo(1);
		assertThatExceptionOfType(PermanentSourceException.class)
			.isThrownBy(
					() -> tushare("wrong-token").daily("600000.SH", LocalDate.of(2026, 1, 5), LocalDate.of(2026, 1, 9)))
			.withMessageStartingWith("Tushare Pro refused daily: the token was not accepted")
			.withMessageNotContaining("wrong-token");
		// Without a Referer, lsjz refuses as the real one does (the client always sends
		// one).
		assertThat(new SourceHttp(SourceName.EASTMONEY, settings())
			.get("f10/lsjz", "/f10/lsjz?fundCode=000001&pageIndex=1&pageSize=20", Map.of())
			.body()).isEqualTo("{\"Data\":\"\",\"ErrCode\":-999,\"ErrMsg\":\"\",\"TotalCount\":0}");
	}

	@Test
	void waitsForQuotaOnARateLimitAnswerAndThenSucceeds() throws Exception {
		TushareClient tight = tushare("tight-token");
		LocalDate day = LocalDate.of(2026, 11, 18);
		AtomicReference<SourceState> seen = new AtomicReference<>(SourceState.OK);
		Thread watcher = new Thread(() -> {
			while (!Thread.currentThread().isInterrupted()) {
				if (states.of(SourceName.TUSHARE) == SourceState.WAITING_FOR_QUOTA) {
					seen.set(SourceState.WAITING_FOR_QUOTA);
				}
				Thread.onSpinWait();
			}
		});
		watcher.start();
		try {
			for (int i = 0; i < 5; i++) {
				assertThat(tight.daily("600000.SH", day, day).items()).hasSize(1);
			}
		}
		finally {
			watcher.interrupt();
			watcher.join();
		}
		assertThat(sandbox.rateLimited("tushare:daily")).isPositive();
		assertThat(seen.get()).isEqualTo(SourceState.WAITING_FOR_QUOTA);
	}

	@Test
	void answersTheSameBytesForTheSameSeed() throws Exception {
		String request = "{\"api_name\":\"daily\",\"token\":\"sandbox-token\",\"params\":{\"trade_date\":\"20261119\","
				+ "\"limit\":50},\"fields\":\"\"}";
		try (Sandbox same = Sandbox.start(SandboxSettings.defaults());
				Sandbox again = Sandbox.start(SandboxSettings.defaults());
				Sandbox other = Sandbox.start(SandboxSettings.defaults().withSeed(7))) {
			assertThat(post(same.baseUrl(), request)).isEqualTo(post(again.baseUrl(), request))
				.isNotEqualTo(post(other.baseUrl(), request));
			assertThat(post(same.baseUrl().resolve("/dataapi/daily"), request))
				.isEqualTo(post(same.baseUrl(), request));
		}
	}

	@Test
	void sendsOnlyTheConfiguredSourceThroughItsProxy() {
		try (Sandbox proxy = Sandbox.start(SandboxSettings.defaults().withUniverse(50, 6, 10))) {
			SourceSettings viaProxy = new SourceSettings(URI.create("http://tushare.example"), TIMEOUT, TIMEOUT,
					proxy.baseUrl(), Map.of(), RETRY);
			TushareClient proxied = new TushareClient(new SourceHttp(SourceName.TUSHARE, viaProxy),
					new SourceGate(SourceName.TUSHARE, viaProxy, CallQuota.unlimited(), states),
					Secret.of(SandboxSettings.TOKEN));
			long tdxBefore = sandbox.calls("tdx:/api/health");

			proxied.tradeCalendar("SSE", LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 31));
			tdx().healthy();

			assertThat(proxy.calls("tushare:trade_cal")).isEqualTo(1);
			assertThat(proxy.calls("tdx:/api/health")).isZero();
			assertThat(sandbox.calls("tdx:/api/health") - tdxBefore).isEqualTo(1);
		}
	}

	private static String post(URI url, String body) throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(url).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
					HttpResponse.BodyHandlers.ofString());
		return response.body();
	}

	private static TradingDay day(Fetched<TradingDay> days, LocalDate date) {
		return day(days.items(), date);
	}

	private static TradingDay day(List<TradingDay> days, LocalDate date) {
		return days.stream().filter((day) -> day.date().equals(date)).findFirst().orElseThrow();
	}

}
