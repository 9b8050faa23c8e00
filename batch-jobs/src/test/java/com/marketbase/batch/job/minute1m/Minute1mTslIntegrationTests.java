package com.marketbase.batch.job.minute1m;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import com.marketbase.batch.BatchJobsApplication;
import com.marketbase.batch.sandbox.Sandbox;
import com.marketbase.batch.sandbox.SandboxSettings;
import com.marketbase.batch.source.Secret;
import com.marketbase.batch.source.SourceGate;
import com.marketbase.batch.source.SourceHttp;
import com.marketbase.batch.source.SourceName;
import com.marketbase.batch.source.SourceSettings;
import com.marketbase.batch.source.SourceStates;
import com.marketbase.batch.source.quota.CallQuota;
import com.marketbase.batch.source.tushare.TushareClient;
import com.marketbase.batch.warehouse.Bar;
import com.marketbase.batch.warehouse.MinuteBarFixture;
import com.marketbase.batch.warehouse.ReferenceAggregates;
import com.marketbase.batch.warehouse.StoredBar;
import com.marketbase.batch.warehouse.TestWarehouse;
import com.marketbase.batch.warehouse.WarehouseInfo;
import com.marketbase.batch.warehouse.WarehouseMode;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static com.marketbase.batch.job.minute1m.Minute1mRuns.DAY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * minute_1m end to end on the TSL target with {@code single-session=true}: on PGlite (one
 * connection, COPY FROM STDIN refused) the job writes the bars by the unnest writer, and
 * its aggregate step refreshes the continuous aggregates, which are materialized only and
 * so hold nothing until then.
 */
class Minute1mTslIntegrationTests {

	private static final LocalDate FIRST_DAY = DAY.minusDays(1);

	private static final List<String> SYMBOLS = List.of("600000.SH", "600004.SH", "000001.SZ");

	@Test
	void loadsTwoDaysOfThreeSymbolsAndRefreshesTheContinuousAggregates() throws Exception {
		TestWarehouse tsl = TestWarehouse.TIMESCALEDB_TSL;
		tsl.freshlyMigrated();
		// The application's pool takes the target's only connection.
		tsl.release();
		try (Sandbox sandbox = Minute1mRuns.sandbox(SandboxSettings.defaults());
				ConfigurableApplicationContext app = SpringApplication.run(BatchJobsApplication.class,
						Minute1mRuns
							.arguments(tsl.jdbcUrl(), sandbox, SandboxSettings.TOKEN,
									"--marketbase.warehouse.single-session=true")
							.toArray(new String[0]))) {
			assertThat(app.getBean(WarehouseInfo.class).mode()).isEqualTo(WarehouseMode.TIMESCALEDB_FULL);
			List<StoredBar> served = served(sandbox);
			assertThat(served).hasSize(SYMBOLS.size() * 2 * 240);

			Map<String, String> twoDays = Map.of("start_date", FIRST_DAY.toString(), "end_date", DAY.toString(),
					"symbols", String.join(",", SYMBOLS), "source", "tushare");
			JobExecution execution = launch(app, twoDays);

			assertThat(execution.getStatus()).as(execution.getExitStatus().getExitDescription())
				.isEqualTo(BatchStatus.COMPLETED);
			DataSource warehouse = app.getBean(DataSource.class);
			JdbcTemplate jdbc = new JdbcTemplate(warehouse);
			List<StoredBar> bars = MinuteBarFixture.read(warehouse, "bars_1m");
			assertThat(bars).isEqualTo(served);
			// The scale the source sent is kept: 7.350 stays 7.350.
			assertThat(jdbc.queryForList(
					"select open::text || ' ' || high::text || ' ' || low::text || ' ' "
							+ "|| close::text || ' ' || amount::text from market.bars_1m order by symbol, ts",
					String.class))
				.isEqualTo(servedText(sandbox));
			assertThat(jdbc.queryForList("select distinct source from market.bars_1m", String.class))
				.containsExactly("tushare");
			assertThat(
					jdbc.queryForList("select status || ' ' || rows_loaded || ' ' || count(*) from market.load_units "
							+ "where dataset = 'minute_1m' group by status, rows_loaded", String.class))
				.containsExactly("complete 240 " + SYMBOLS.size() * 2);

			assertThat(MinuteBarFixture.read(warehouse, "bars_5m")).hasSize(SYMBOLS.size() * 2 * 48)
				.isEqualTo(ReferenceAggregates.minutes(bars, 5));
			assertThat(MinuteBarFixture.read(warehouse, "bars_15m")).isEqualTo(ReferenceAggregates.minutes(bars, 15));
			assertThat(MinuteBarFixture.read(warehouse, "bars_30m")).isEqualTo(ReferenceAggregates.minutes(bars, 30));
			assertThat(MinuteBarFixture.read(warehouse, "bars_60m")).isEqualTo(ReferenceAggregates.hours(bars));
			// One 5-minute bar against a plain GROUP BY of the minutes it ends.
			String fiveMinutes = "select open || ' ' || high || ' ' || low || ' ' || close || ' ' || volume || ' ' "
					+ "|| amount from market.bars_5m where symbol = '600004.SH' and ts = ?";
			String grouped = "select (array_agg(open order by ts))[1] || ' ' || max(high) || ' ' || min(low) || ' ' "
					+ "|| (array_agg(close order by ts desc))[1] || ' ' || sum(volume) || ' ' || sum(amount) "
					+ "from market.bars_1m where symbol = '600004.SH' and ts > ? and ts <= ?";
			java.time.Instant tenOClock = DAY.atTime(10, 0).atZone(java.time.ZoneId.of("Asia/Shanghai")).toInstant();
			assertThat(jdbc.queryForObject(fiveMinutes, String.class, java.sql.Timestamp.from(tenOClock)))
				.isEqualTo(jdbc.queryForObject(grouped, String.class,
						java.sql.Timestamp.from(tenOClock.minusSeconds(300)), java.sql.Timestamp.from(tenOClock)));

			// A forced reload meets every bar stored: the insert rolls back to its
			// savepoint and the upsert replaces them, the aggregates refreshed again.
			Map<String, String> again = new java.util.HashMap<>(twoDays);
			again.put("force", "true");
			JobExecution reload = launch(app, again);
			assertThat(reload.getStatus()).as(reload.getExitStatus().getExitDescription())
				.isEqualTo(BatchStatus.COMPLETED);
			assertThat(jdbc.queryForList("select distinct load_batch_id from market.bars_1m", Long.class))
				.containsExactly(reload.getExecutionContext().getLong(Minute1mPrepareTasklet.LOAD_BATCH));
			assertThat(MinuteBarFixture.read(warehouse, "bars_1m")).isEqualTo(served);
			assertThat(MinuteBarFixture.read(warehouse, "bars_30m")).isEqualTo(ReferenceAggregates.minutes(bars, 30));
		}
	}

	private static JobExecution launch(ConfigurableApplicationContext app, Map<String, String> parameters)
			throws Exception {
		return app.getBean(JobOperator.class)
			.start(app.getBean("minute1mJob", Job.class), app.getBean(Minute1mLaunch.class).parameters(parameters));
	}

	private static List<String> servedText(Sandbox sandbox) {
		return fetched(sandbox).stream()
			.sorted(Comparator.comparing(Bar::symbol).thenComparing(Bar::end))
			.map((bar) -> bar.open().toPlainString() + " " + bar.high().toPlainString() + " "
					+ bar.low().toPlainString() + " " + bar.close().toPlainString() + " "
					+ bar.amount().toPlainString())
			.toList();
	}

	// What the sandbox serves, through the same connector, in the 240-bar layout.
	private static List<StoredBar> served(Sandbox sandbox) {
		List<StoredBar> bars = new ArrayList<>();
		for (Bar bar : fetched(sandbox)) {
			bars.add(new StoredBar(bar.symbol(), bar.end(), bar.open(), bar.high(), bar.low(), bar.close(),
					bar.volume(), bar.amount()));
		}
		bars.sort(Comparator.comparing(StoredBar::symbol).thenComparing(StoredBar::end));
		return bars;
	}

	private static List<Bar> fetched(Sandbox sandbox) {
		SourceSettings settings = SourceSettings.direct(sandbox.baseUrl());
		TushareClient client = new TushareClient(new SourceHttp(SourceName.TUSHARE, settings),
				new SourceGate(SourceName.TUSHARE, settings, CallQuota.unlimited(), new SourceStates()),
				Secret.of(SandboxSettings.TOKEN));
		List<Bar> bars = new ArrayList<>();
		for (String symbol : SYMBOLS) {
			bars.addAll(client.minuteBars(symbol, "1min", FIRST_DAY, DAY).items());
		}
		return bars;
	}

}
