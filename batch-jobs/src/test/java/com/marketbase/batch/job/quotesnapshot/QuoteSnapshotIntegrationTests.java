package com.marketbase.batch.job.quotesnapshot;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import com.marketbase.batch.BatchJobsApplication;
import com.marketbase.batch.job.reference.ReferenceRuns;
import com.marketbase.batch.rollout.RolloutSwitches;
import com.marketbase.batch.sandbox.Sandbox;
import com.marketbase.batch.sandbox.SandboxSettings;
import com.marketbase.batch.source.tushare.TushareClient;
import com.marketbase.batch.warehouse.Bar;
import com.marketbase.batch.warehouse.TestWarehouse;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * quote_snapshot against the sandbox's rt_k with a movable clock: a snapshot of every
 * board with one capture time and its market counts; a refusal that states an hourly
 * quota marks the data stale with the next retry time, and no call is made until then.
 */
class QuoteSnapshotIntegrationTests {

	private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

	private static final LocalDate DAY = LocalDate.of(2026, 11, 20);

	private final JdbcTemplate jdbc = new JdbcTemplate(TestWarehouse.TIMESCALEDB.dataSource());

	@Test
	void snapshotsEveryBoardAndKeepsTheLastOneStaleUntilTheQuotaComesBack() throws Exception {
		TestWarehouse.TIMESCALEDB.freshlyMigrated();
		MovableClock clock = new MovableClock(DAY.atTime(10, 0).atZone(BEIJING).toInstant());
		try (Sandbox sandbox = Sandbox.start(SandboxSettings.defaults()
			.withUniverse(200, 10, 0)
			.withTokens(Map.of(SandboxSettings.TOKEN, SandboxSettings.Grant.everything(1_000_000))));
				ConfigurableApplicationContext app = new SpringApplicationBuilder(BatchJobsApplication.class)
					.initializers((context) -> context.getBeanFactory().registerSingleton("marketbaseClock", clock))
					.run(ReferenceRuns.arguments(sandbox).toArray(new String[0]))) {
			sandbox.timeOfDay(LocalTime.of(10, 0));
			Map<String, String> tushare = Map.of("source", "tushare");

			JobExecution first = ReferenceRuns.launch(app, "quote_snapshot", tushare);

			assertThat(first.getExitStatus().getExitCode()).as(first.getExitStatus().getExitDescription())
				.isEqualTo("COMPLETED");
			long quotes = count("select count(*) from market.quote_snapshots");
			assertThat(quotes).isGreaterThan(150);
			assertThat(first.getExitStatus().getExitDescription())
				.startsWith("snapshot at 2026-11-20 10:00:00: " + quotes + " quotes from 6 rt_k call(s), 0 rejected; ");
			assertThat(count("select count(distinct captured_at) from market.quote_snapshots")).isEqualTo(1);
			// Each quote is the day so far: the last published minute's close, the
			// volume up to it.
			TushareClient client = ReferenceRuns.client(sandbox);
			String symbol = this.jdbc.queryForObject("select min(symbol) from market.quote_snapshots", String.class);
			List<Bar> minutes = client.minuteBars(symbol, "1min", DAY, DAY).items();
			assertThat(this.jdbc.queryForObject("select price from market.quote_snapshots where symbol = ?",
					BigDecimal.class, symbol))
				.isEqualByComparingTo(minutes.get(minutes.size() - 1).close());
			assertThat(count("select volume from market.quote_snapshots where symbol = '" + symbol + "'"))
				.isEqualTo(minutes.stream().mapToLong(Bar::volume).sum());
			assertThat(this.jdbc.queryForObject("select advancers + decliners + unchanged = instruments "
					+ "and instruments = " + quotes + " and amount = (select sum(amount) from market.quote_snapshots) "
					+ "from market.market_stats", Boolean.class))
				.isTrue();

			// Ten calls an hour: the second snapshot is refused in its fifth call.
			sandbox.limitRealtime(10);
			clock.set(DAY.atTime(10, 30).atZone(BEIJING).toInstant());
			sandbox.timeOfDay(LocalTime.of(10, 30));
			long calls = sandbox.calls("tushare:rt_k");

			JobExecution refused = ReferenceRuns.launch(app, "quote_snapshot", tushare);

			assertThat(refused.getExitStatus().getExitCode()).isEqualTo("STALE");
			assertThat(refused.getExitStatus().getExitDescription()).startsWith("Stale: ")
				.contains("每小时最多访问该接口10次")
				.contains("next retry at 2026-11-20 11:30:00, no call before then; "
						+ "the last snapshot, from 2026-11-20 10:00:00, is stale");
			assertThat(sandbox.calls("tushare:rt_k") - calls).isEqualTo(5);
			assertThat(count("select count(distinct captured_at) from market.quote_snapshots"))
				.as("stored whole or not")
				.isEqualTo(1);
			assertThat(this.jdbc
				.queryForObject("select stale || ' ' || last_success_at::text || ' ' || next_retry_at::text "
						+ "from market.realtime_sources where endpoint = 'tushare:rt_k'", String.class))
				.isEqualTo("true 2026-11-20 02:00:00+00 2026-11-20 03:30:00+00");

			// Until then, no call at all.
			clock.set(DAY.atTime(11, 15).atZone(BEIJING).toInstant());
			calls = sandbox.calls("tushare:rt_k");
			JobExecution waiting = ReferenceRuns.launch(app, "quote_snapshot", tushare);
			assertThat(waiting.getExitStatus().getExitCode()).isEqualTo("STALE");
			assertThat(waiting.getExitStatus().getExitDescription())
				.isEqualTo("No call made: rt_k refused until 2026-11-20 11:30:00 by its quota; "
						+ "the last snapshot, from 2026-11-20 10:00:00, is stale");
			assertThat(sandbox.calls("tushare:rt_k")).isEqualTo(calls);

			// A refused probe of rt_k stops a launch before any call; a granted one lets
			// it
			// go.
			this.jdbc.update("insert into market.permission_probes (source, endpoint, request, granted, message) "
					+ "values ('tushare', 'rt_k', 'ts_code=600000.SH', false, '抱歉，您没有接口(rt_k)访问权限')");
			assertThatIllegalArgumentException().isThrownBy(() -> ReferenceRuns.launch(app, "market_stats", tushare))
				.withMessageStartingWith("market_stats cannot read rt_k of tushare: its probe at ")
				.withMessageContaining("您没有接口(rt_k)访问权限")
				.withMessageEndingWith("run 'probe tushare' again once it is granted, or use another source.");
			this.jdbc.update("insert into market.permission_probes (source, endpoint, request, granted, message) "
					+ "values ('tushare', 'rt_k', 'ts_code=600000.SH', false, '抱歉，您每小时最多访问该接口10次')");
			assertThat(app.getBean("marketStatsLaunch", com.marketbase.batch.support.launch.JobLaunch.class)
				.parameters(tushare)
				.getString("source")).as("a probe that met the quota tells nothing of the grant").isEqualTo("tushare");
			this.jdbc.update("insert into market.permission_probes (source, endpoint, request, granted, message) "
					+ "values ('tushare', 'rt_k', 'ts_code=600000.SH', true, '1 rows')");
			assertThat(app.getBean("marketStatsLaunch", com.marketbase.batch.support.launch.JobLaunch.class)
				.parameters(tushare)
				.getString("source")).isEqualTo("tushare");

			// The module switch governs it.
			app.getBean(RolloutSwitches.class).set("p2RealtimeEquityEtfV1", false, "test", "realtime paused");
			assertThatIllegalArgumentException().isThrownBy(() -> ReferenceRuns.launch(app, "quote_snapshot", tushare))
				.withMessageStartingWith("quote_snapshot is switched off: p2RealtimeEquityEtfV1=false");
			app.getBean(RolloutSwitches.class).set("p2RealtimeEquityEtfV1", true, "test", "realtime back");
		}
	}

	@Test
	void snapshotsEveryListedCodeFromTheGatewayFiftyCodesACall() throws Exception {
		TestWarehouse.TIMESCALEDB.freshlyMigrated();
		MovableClock clock = new MovableClock(DAY.atTime(14, 0).atZone(BEIJING).toInstant());
		try (Sandbox sandbox = Sandbox.start(SandboxSettings.defaults()
			.withUniverse(200, 10, 0)
			.withTokens(Map.of(SandboxSettings.TOKEN, SandboxSettings.Grant.everything(1_000_000))));
				ConfigurableApplicationContext app = new SpringApplicationBuilder(BatchJobsApplication.class)
					.initializers((context) -> context.getBeanFactory().registerSingleton("marketbaseClock", clock))
					.run(ReferenceRuns
						.arguments(sandbox, "--marketbase.sources.tdx.base-url=" + sandbox.baseUrl(),
								"--marketbase.sources.tdx.calls-per-minute[default]=1000000")
						.toArray(new String[0]))) {
			sandbox.timeOfDay(LocalTime.of(14, 0));
			Map<String, String> tdx = Map.of("source", "tdx");
			JobExecution empty = ReferenceRuns.launch(app, "quote_snapshot", tdx);
			assertThat(empty.getExitStatus().getExitDescription())
				.contains("run 'java -jar batch.jar job=instruments'");
			assertThat(
					ReferenceRuns.launch(app, "instruments", Map.of("source", "tushare")).getExitStatus().getExitCode())
				.isEqualTo("COMPLETED");
			long listed = count("select count(*) from market.instruments where asset_class in ('stock', 'etf') "
					+ "and coalesce(list_status, 'L') = 'L'");
			long before = sandbox.calls("tdx:/api/quote");

			JobExecution snapshot = ReferenceRuns.launch(app, "quote_snapshot", tdx);

			assertThat(snapshot.getExitStatus().getExitCode()).as(snapshot.getExitStatus().getExitDescription())
				.isEqualTo("COMPLETED");
			long calls = (listed + 49) / 50;
			assertThat(sandbox.calls("tdx:/api/quote") - before).isEqualTo(calls);
			long quotes = count("select count(*) from market.quote_snapshots where source = 'tdx'");
			assertThat(quotes).isGreaterThan(150).isLessThanOrEqualTo(listed);
			assertThat(snapshot.getExitStatus().getExitDescription()).startsWith("snapshot at 2026-11-20 14:00:00: "
					+ quotes + " quotes from " + calls + " /api/quote call(s), 0 rejected; ");
			// The gateway's lots and li become shares and CNY: the day so far, as the
			// minute bars of the same time say.
			TushareClient client = ReferenceRuns.client(sandbox);
			for (String symbol : this.jdbc
				.queryForList("select symbol from market.quote_snapshots order by symbol limit 3", String.class)) {
				List<Bar> minutes = client.minuteBars(symbol, "1min", DAY, DAY).items();
				assertThat(
						this.jdbc.queryForObject("select trim_scale(price) || ' ' || volume || ' ' || (trades is null) "
								+ "from market.quote_snapshots where symbol = ?", String.class, symbol))
					.isEqualTo(minutes.get(minutes.size() - 1).close().stripTrailingZeros().toPlainString() + " "
							+ minutes.stream().mapToLong(Bar::volume).sum() + " true");
			}
			assertThat(this.jdbc.queryForObject(
					"select source = 'tdx' and instruments = " + quotes
							+ " and advancers + decliners + unchanged = instruments from market.market_stats",
					Boolean.class))
				.isTrue();
			assertThat(this.jdbc.queryForObject(
					"select stale from market.realtime_sources where endpoint = 'tdx:/api/quote'", Boolean.class))
				.isFalse();

			// market_stats: the same counts of a capture, without its quotes.
			clock.set(DAY.atTime(14, 5).atZone(BEIJING).toInstant());
			sandbox.timeOfDay(LocalTime.of(14, 5));
			JobExecution stats = ReferenceRuns.launch(app, "market_stats", tdx);

			assertThat(stats.getExitStatus().getExitCode()).as(stats.getExitStatus().getExitDescription())
				.isEqualTo("COMPLETED");
			assertThat(stats.getExitStatus().getExitDescription())
				.startsWith("market stats at 2026-11-20 14:05:00: " + quotes + " quotes from " + calls);
			assertThat(count("select count(*) from market.quote_snapshots")).as("no quotes kept").isEqualTo(quotes);
			assertThat(count("select count(*) from market.market_stats")).isEqualTo(2);
			// Its counts are those of the same quotes stored: a snapshot at 14:05 tells.
			ReferenceRuns.launch(app, "quote_snapshot", tdx);
			assertThat(this.jdbc.queryForObject("""
					select s.instruments = q.instruments and s.advancers = q.advancers and s.decliners = q.decliners
						and s.unchanged = q.unchanged and s.volume = q.volume and s.amount = q.amount
					from market.market_stats s join (
						select count(*) as instruments, count(*) filter (where price > pre_close) as advancers,
							count(*) filter (where price < pre_close) as decliners,
							count(*) filter (where price = pre_close) as unchanged, sum(volume) as volume,
							sum(amount) as amount
						from market.quote_snapshots where captured_at = '2026-11-20 14:05+08') q on true
					where s.captured_at = '2026-11-20 14:05+08'
					""", Boolean.class)).isTrue();
		}
	}

	private long count(String sql) {
		Long count = this.jdbc.queryForObject(sql, Long.class);
		return (count != null) ? count : 0;
	}

	/** A clock the test sets. */
	private static final class MovableClock extends Clock {

		private volatile Instant now;

		MovableClock(Instant now) {
			this.now = now;
		}

		void set(Instant now) {
			this.now = now;
		}

		@Override
		public ZoneId getZone() {
			return BEIJING;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return Clock.fixed(this.now, zone);
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
