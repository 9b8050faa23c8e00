package com.marketbase.batch.job.reconcile;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.marketbase.batch.BatchJobsApplication;
import com.marketbase.batch.sandbox.Sandbox;
import com.marketbase.batch.sandbox.SandboxSettings;
import com.marketbase.batch.warehouse.TestWarehouse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code reconcile} on a day loaded from the sandbox through the real Tushare connector:
 * a clean day gives no findings; then a 1-minute bar the source corrects after the load,
 * a daily bar with a wrong amount and an aggregate of ours left stale are each found once
 * with their cause, while the sandbox's separate 09:30 auction bars and start-labelled
 * hour bars are explained as conventions and not counted.
 */
@ExtendWith(OutputCaptureExtension.class)
class ReconcileJobIntegrationTests {

	private static final LocalDate DAY = LocalDate.of(2026, 11, 20);

	private static final int STOCKS = 24;

	private final JdbcTemplate jdbc = new JdbcTemplate(TestWarehouse.TIMESCALEDB.dataSource());

	@BeforeEach
	void emptyWarehouse() {
		TestWarehouse.TIMESCALEDB.reset();
	}

	@Test
	void findsEachDisagreementOnceWithItsCauseAndExplainsTheConventions(CapturedOutput output) {
		try (Sandbox sandbox = sandbox()) {
			assertThat(run(sandbox, "job=minute_1m", "trade_date=" + DAY, "source=tushare")).isZero();
			assertThat(run(sandbox, "job=daily", "trade_date=" + DAY, "source=tushare")).isZero();
			List<String> symbols = this.jdbc.queryForList("select distinct symbol from market.bars_1m order by symbol",
					String.class);
			assertThat(symbols).hasSizeGreaterThan(10);
			long before = sandbox.calls("tushare:stk_mins");

			assertThat(run(sandbox, "job=reconcile", "trade_date=" + DAY, "source=tushare", "sample=100"))
				.as("a clean day")
				.isZero();

			assertThat(this.jdbc.queryForObject("select count(*) from market.reconcile_findings", Long.class)).isZero();
			// Four lengths per symbol, and no 1-minute call without a difference to
			// explain.
			assertThat(sandbox.calls("tushare:stk_mins") - before).isEqualTo(4L * symbols.size());
			assertThat(output.getOut()).contains(symbols.size() + " symbols compared with the source's "
					+ "5/15/30/60-minute bars and " + symbols.size() + " daily bars with their minutes, in "
					+ 4 * symbols.size() + " calls; 0 difference(s), 0 convention(s) explained");

			// The TDX gateway's own bars: the same day, the same layout.
			long tdxBefore = sandbox.calls("tdx:/api/kline-history");
			assertThat(run(sandbox, "--marketbase.sources.tdx.base-url=" + sandbox.baseUrl(), "job=reconcile",
					"trade_date=" + DAY, "source=tdx", "sample=100"))
				.isZero();
			assertThat(this.jdbc.queryForObject("select count(*) from market.reconcile_findings", Long.class)).isZero();
			assertThat(sandbox.calls("tdx:/api/kline-history") - tdxBefore).isEqualTo(4L * symbols.size());
			assertThat(sandbox.calls("tdx:/api/kline-all")).isZero();

			String corrected = symbols.get(0);
			String wrongAmount = symbols.get(1);
			String stale = symbols.get(2);
			BigDecimal close = this.jdbc.queryForObject(
					"select close from market.bars_1m where symbol = ? " + "and ts = ?::timestamptz", BigDecimal.class,
					corrected, DAY + " 10:05:00+08");
			sandbox.revise(corrected, LocalDateTime.of(DAY, java.time.LocalTime.of(10, 5)),
					close.add(new BigDecimal("0.05")));
			this.jdbc.update("update market.bars_daily set amount = amount + 5000 where symbol = ? and trade_date = ?",
					wrongAmount, DAY);
			this.jdbc.update("update market.bar_levels set high_30m = high_30m + 1 where symbol = ? "
					+ "and ts = ?::timestamptz", stale, DAY + " 10:00:00+08");
			sandbox.minuteConventions(true, true);
			before = sandbox.calls("tushare:stk_mins");
			long dailyBefore = sandbox.calls("tushare:daily");

			assertThat(run(sandbox, "job=reconcile", "trade_date=" + DAY, "source=tushare", "sample=100", "force=true"))
				.as("differences end the run with exit 1")
				.isEqualTo(1);

			assertThat(this.jdbc.queryForList("""
					select symbol || ' ' || check_name || ' ' || coalesce(to_char(bar_end at time zone 'Asia/Shanghai',
						'HH24:MI'), '-') || ' ' || field || ' ' || cause
					from market.reconcile_findings where not convention order by symbol, check_name""", String.class))
				.containsExactlyInAnyOrder(corrected + " bars_1m 10:05 close late_correction",
						wrongAmount + " daily_vs_minutes - amount late_correction",
						stale + " bars_30m 10:00 high stale_aggregate");
			assertThat(this.jdbc.queryForList("""
					select check_name || ' ' || cause || ' ' || count(*) from market.reconcile_findings
					where convention group by check_name, cause order by check_name""", String.class)).containsExactly(
					"bars_15m auction_fold " + symbols.size(), "bars_30m auction_fold " + symbols.size(),
					"bars_5m auction_fold " + symbols.size(), "bars_60m label_convention " + symbols.size());
			Map<String, Object> late = this.jdbc
				.queryForMap("select ours, theirs, detail from market.reconcile_findings where check_name = 'bars_1m'");
			assertThat((BigDecimal) late.get("ours")).isEqualByComparingTo(close);
			assertThat((BigDecimal) late.get("theirs")).isEqualByComparingTo(close.add(new BigDecimal("0.05")));
			assertThat(late.get("detail").toString()).contains("at 10:05 now differs from the one we loaded");
			assertThat(this.jdbc.queryForObject(
					"select detail from market.reconcile_findings where check_name = 'bars_60m' and symbol = ?",
					String.class, wrongAmount))
				.startsWith("the source labels its 60-minute bars by their start (09:30, 10:30, 13:00, 14:00)");
			// One 1-minute call for each of the two symbols whose intraday bars differ,
			// and
			// the daily bar that disagrees with its minutes asked for again.
			assertThat(sandbox.calls("tushare:stk_mins") - before).isEqualTo(4L * symbols.size() + 2);
			assertThat(sandbox.calls("tushare:daily") - dailyBefore).isOne();
			assertThat(output.getErr()).contains("COMPLETED with DIFFERENCES")
				.contains("Mend what is wrong (the findings name it) and run it again with force=true to check.")
				.contains("3 difference(s) (late_correction 2, stale_aggregate 1), " + (4 * symbols.size())
						+ " convention(s) explained (auction_fold " + 3 * symbols.size() + ", label_convention "
						+ symbols.size() + ")");

			// Mended, the day is clean again: a run replaces the findings of what it
			// compared.
			this.jdbc.update("update market.bars_daily set amount = amount - 5000 where symbol = ? and trade_date = ?",
					wrongAmount, DAY);
			this.jdbc.update("update market.bar_levels set high_30m = high_30m - 1 where symbol = ? "
					+ "and ts = ?::timestamptz", stale, DAY + " 10:00:00+08");
			assertThat(run(sandbox, "job=minute_1m", "trade_date=" + DAY, "source=tushare", "symbols=" + corrected,
					"force=true"))
				.isZero();
			sandbox.minuteConventions(false, false);
			assertThat(run(sandbox, "job=reconcile", "trade_date=" + DAY, "source=tushare", "sample=100", "force=true"))
				.isZero();
			assertThat(this.jdbc.queryForObject("select count(*) from market.reconcile_findings", Long.class)).isZero();
		}
	}

	@Test
	void refusesBadInputInOneSentenceBeforeCallingTheSource(CapturedOutput output) {
		try (Sandbox sandbox = sandbox()) {
			assertThat(run(sandbox, "job=minute_1m", "trade_date=" + DAY, "source=tushare", "symbols=600000.SH"))
				.isZero();
			long before = sandbox.calls("tushare:stk_mins");

			assertThat(run(sandbox, "job=reconcile", "sample=abc")).isEqualTo(2);
			assertThat(run(sandbox, "job=reconcile", "sample=5000")).isEqualTo(2);
			assertThat(run(sandbox, "job=reconcile", "trade_date=2026-11-19", "source=tushare")).isEqualTo(2);
			assertThat(run(sandbox, "job=reconcile", "source=sandbox")).isEqualTo(2);
			assertThat(run(sandbox, "job=reconcile", "symbols=000300.SH", "source=tushare")).isEqualTo(2);

			assertThat(output.getErr()).contains("sample is a number of symbols, 0 to 1000, not 'abc'.")
				.contains("sample is 0 to 1000 symbols, not 5000.")
				.contains(
						"The warehouse has no minute bars of 2026-11-19 to reconcile; load them with minute_1m first.")
				.contains("The minute bars of 2026-11-20 were loaded from tushare; compare them with a real source, "
						+ "not sandbox.")
				.contains("Not a stock or ETF the warehouse lists: 000300.SH; reconcile compares those only.")
				.doesNotContain("\tat ");
			assertThat(sandbox.calls("tushare:stk_mins")).isEqualTo(before);
		}
	}

	private static Sandbox sandbox() {
		return Sandbox.start(SandboxSettings.defaults()
			.withUniverse(STOCKS, 0, 0)
			.withTokens(Map.of(SandboxSettings.TOKEN, SandboxSettings.Grant.everything(1_000_000))));
	}

	private static int run(Sandbox sandbox, String... command) {
		List<String> args = new ArrayList<>(List.of("--spring.datasource.url=" + TestWarehouse.TIMESCALEDB.jdbcUrl(),
				"--marketbase.sources.tushare.base-url=" + sandbox.baseUrl(),
				"--marketbase.sources.tushare.token=" + SandboxSettings.TOKEN,
				"--marketbase.sources.tushare.calls-per-minute[default]=1000000"));
		args.addAll(List.of(command));
		return SpringApplication.exit(SpringApplication.run(BatchJobsApplication.class, args.toArray(new String[0])));
	}

}
