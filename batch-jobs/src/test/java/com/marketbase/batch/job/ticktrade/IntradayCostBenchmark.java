package com.marketbase.batch.job.ticktrade;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import com.marketbase.batch.BatchJobsApplication;
import com.marketbase.batch.job.reference.ReferenceRuns;
import com.marketbase.batch.rollout.RolloutSwitches;
import com.marketbase.batch.sandbox.Sandbox;
import com.marketbase.batch.sandbox.SandboxSettings;
import com.marketbase.batch.cli.Console;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What tick trades and intraday catch-ups cost, against the sandbox unthrottled, in the
 * same run as their baselines:
 * <ul>
 * <li>{@code tick_trade} for 200 stocks and one day: trades a second, against the server
 * copying the same rows into a table of the same shape ({@code insert ... select}), as a
 * ratio;</li>
 * <li>one intraday {@code minute_1m} catch-up of the whole market at 14:00: the source
 * calls it makes, its time unthrottled, and the floor a 500 calls/min quota puts under it
 * (calls / 500 minutes), as a ratio to the unthrottled time.</li>
 * </ul>
 * Arguments: the warehouse URL.
 */
public final class IntradayCostBenchmark {

	private static final LocalDate DAY = LocalDate.of(2026, 11, 20);

	private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

	private IntradayCostBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		Clock twoPm = Clock.fixed(DAY.atTime(14, 0).atZone(BEIJING).toInstant(), BEIJING);
		Console console = Console.system();
		try (Sandbox sandbox = Sandbox.start(SandboxSettings.defaults()
			.withTokens(Map.of(SandboxSettings.TOKEN, SandboxSettings.Grant.everything(100_000_000))));
				ConfigurableApplicationContext app = new SpringApplicationBuilder(BatchJobsApplication.class)
					.initializers((context) -> context.getBeanFactory().registerSingleton("marketbaseClock", twoPm))
					.run("--spring.datasource.url=" + args[0],
							"--marketbase.sources.tushare.base-url=" + sandbox.baseUrl(),
							"--marketbase.sources.tushare.token=" + SandboxSettings.TOKEN,
							"--marketbase.sources.tushare.calls-per-minute[default]=100000000",
							"--marketbase.sources.tdx.base-url=" + sandbox.baseUrl(),
							"--marketbase.sources.tdx.calls-per-minute[default]=100000000",
							"--marketbase.jobs.minute-1m.max-source-calls=0", "--marketbase.cli.enabled=false",
							"--marketbase.jobs.tick-trade.chunk-units=" + System.getProperty("chunkUnits", "4"),
							"--logging.level.com.marketbase=warn")) {
			JdbcTemplate jdbc = new JdbcTemplate(app.getBean(DataSource.class));
			ReferenceRuns.launch(app, "instruments", Map.of("source", "tushare"));
			app.getBean(RolloutSwitches.class).set("p2TickTradesV1", true, "benchmark", "tick trade load rate");

			List<String> symbols = jdbc.queryForList("select symbol from market.instruments where asset_class = "
					+ "'stock' and list_status = 'L' and list_date < '2026-01-01' order by md5(symbol) limit 200",
					String.class);
			long start = System.nanoTime();
			JobExecution ticks = ReferenceRuns.launch(app, "tick_trade",
					Map.of("trade_date", DAY.toString(), "symbols", String.join(",", symbols), "source", "tdx"));
			double tickSeconds = (System.nanoTime() - start) / 1e9;
			long trades = count(jdbc, "select count(*) from market.tick_trades");
			// The source's share: the same 200 calls, read and parsed, nothing stored.
			com.marketbase.batch.source.SourceSettings direct = com.marketbase.batch.source.SourceSettings
				.direct(sandbox.baseUrl());
			com.marketbase.batch.source.tdx.TdxClient client = new com.marketbase.batch.source.tdx.TdxClient(
					new com.marketbase.batch.source.SourceHttp(com.marketbase.batch.source.SourceName.TDX, direct),
					new com.marketbase.batch.source.SourceGate(com.marketbase.batch.source.SourceName.TDX, direct,
							com.marketbase.batch.source.quota.CallQuota.unlimited(),
							new com.marketbase.batch.source.SourceStates()));
			start = System.nanoTime();
			long read = 0;
			for (String symbol : symbols) {
				read += client.trades(com.marketbase.batch.source.tdx.TdxCode.stock(symbol), DAY).items().size();
			}
			double readSeconds = (System.nanoTime() - start) / 1e9;
			console.say(String.format("the same %,d trades read from the source alone: %.2f s (%.0f %% of the job)",
					read, readSeconds, 100 * readSeconds / tickSeconds));
			jdbc.execute("drop table if exists market.tick_trades_copy");
			jdbc.execute("create table market.tick_trades_copy (like market.tick_trades including all)");
			start = System.nanoTime();
			jdbc.update("insert into market.tick_trades_copy select * from market.tick_trades");
			double copySeconds = (System.nanoTime() - start) / 1e9;
			jdbc.execute("drop table market.tick_trades_copy");
			console.say(String.format(
					"tick_trade, 200 stocks x 1 day: %,d trades in %.2f s = %,.0f trades/s (%s); server-side insert of "
							+ "the same rows: %,.0f rows/s; ratio %.2f",
					trades, tickSeconds, trades / tickSeconds, ticks.getExitStatus().getExitCode(),
					trades / copySeconds, copySeconds / tickSeconds));

			sandbox.timeOfDay(LocalTime.of(14, 0));
			long calls = sandbox.calls("tushare:stk_mins");
			start = System.nanoTime();
			JobExecution intraday = ReferenceRuns.launch(app, "minute_1m",
					Map.of("source", "tushare", "intraday", "true"));
			double intradaySeconds = (System.nanoTime() - start) / 1e9;
			long made = sandbox.calls("tushare:stk_mins") - calls;
			double floor = made / 500.0 * 60;
			console.say(String.format(
					"minute_1m intraday catch-up at 14:00, whole market: %,d calls, %,d bars in %.1f s unthrottled "
							+ "(%s); a 500 calls/min quota needs at least %.1f s (%.1f min): quota floor / unthrottled "
							+ "= %.1f",
					made, count(jdbc, "select count(*) from market.bars_1m"), intradaySeconds,
					intraday.getExitStatus().getExitCode(), floor, floor / 60, floor / intradaySeconds));
			console.say(Duration.ofSeconds((long) floor) + " per catch-up at 500 calls/min");
		}
	}

	private static long count(JdbcTemplate jdbc, String sql) {
		Long count = jdbc.queryForObject(sql, Long.class);
		return (count != null) ? count : 0;
	}

}
