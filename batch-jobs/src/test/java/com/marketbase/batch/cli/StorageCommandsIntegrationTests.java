package com.marketbase.batch.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import javax.sql.DataSource;

import com.marketbase.batch.BatchJobsApplication;
import com.marketbase.batch.warehouse.TestWarehouse;
import com.marketbase.batch.warehouse.WarehouseInfo;
import com.marketbase.batch.warehouse.WarehouseModeDetector;
import com.marketbase.batch.warehouse.storage.StorageMaintenance;
import com.marketbase.batch.warehouse.storage.StoragePolicies;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * {@code storage} with the storage policies, and {@code job=storage} as a user runs them.
 */
@ExtendWith(OutputCaptureExtension.class)
class StorageCommandsIntegrationTests {

	@Test
	void fullModePrintsEachTablesPolicyWithItsTimescaleDbJob() {
		TestWarehouse warehouse = TestWarehouse.TIMESCALEDB_TSL;
		warehouse.freshlyMigrated();
		DataSource dataSource = warehouse.dataSource();
		WarehouseInfo info = new WarehouseModeDetector(dataSource).detect();
		new StorageMaintenance(dataSource, info, StoragePolicies.defaults()).run();
		Integer job = new JdbcTemplate(dataSource).queryForObject("select job_id from timescaledb_information.jobs "
				+ "where proc_name = 'policy_compression' and hypertable_name = 'bars_1m'", Integer.class);
		new JdbcTemplate(dataSource).execute("call run_job(" + job + ")");
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		Console console = new Console(new PrintStream(out, true, StandardCharsets.UTF_8), System.err);

		int exit = new StorageCommands(dataSource, info, StoragePolicies.defaults(), console).storage();

		String printed = out.toString(StandardCharsets.UTF_8);
		assertThat(exit).isZero();
		assertThat(printed).containsPattern("policy +compress +retain +compression: last +retention: last")
			.containsPattern("bars_1m +7 days +off +policy " + job + ", 7 days: .*; 0 of 0 chunks compressed +off")
			.containsPattern("bars_5m +14 days +off +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d: compressed 0 chunks "
					+ "\\(1 runs, 0 failed\\) +off")
			.containsPattern("bars_daily +30 days +off +policy \\d+, 30 days: ")
			.containsPattern("bars_weekly +30 days +off +not available \\(plain table\\) +off")
			.contains("job=storage applies the settings");
	}

	@Test
	void plainModeRetentionByTheJobIsPrintedWithWhatItRemoved(CapturedOutput output) {
		TestWarehouse warehouse = TestWarehouse.EMBEDDED;
		warehouse.freshlyMigrated();
		new JdbcTemplate(warehouse.dataSource())
			.update("insert into market.bars_1m (symbol, ts, open, high, low, close, volume, amount, source, "
					+ "load_batch_id) select s, now() - d * interval '1 day', 10, 11, 9, 10, 100, 1000, 'sandbox', 1 "
					+ "from (values ('OLD', 60), ('NEW', 1)) v (s, d)");

		// The day named, so that both runs are for the same one whenever the test runs.
		String day = "trade_date=" + java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).minusDays(1);
		assertThat(run(warehouse, "job=storage", day)).isZero();
		assertThat(run(warehouse, "job=storage", day)).as("one run a day").isEqualTo(3);
		assertThat(run(warehouse, "storage")).isZero();

		assertThat(output.getErr()).contains("storage already ran for ").contains("add force=true");
		assertThat(output.getOut())
			.containsPattern("bars_1m +7 days +30 days +not available \\(plain PostgreSQL\\) +\\d{4}-\\d\\d-\\d\\d "
					+ "\\d\\d:\\d\\d: removed 1 rows \\(1 runs, 0 failed\\)")
			.containsPattern("bars_daily +30 days +off +not available \\(plain PostgreSQL\\) +off");
		assertThat(new JdbcTemplate(warehouse.dataSource()).queryForList("select symbol from market.bars_1m",
				String.class))
			.containsExactly("NEW");
	}

	@Test
	void aWrongTableNameStopsTheStartInOneLine(CapturedOutput output) {
		assertThatException().isThrownBy(() -> new SpringApplicationBuilder(BatchJobsApplication.class).run("list",
				"--spring.datasource.url=" + TestWarehouse.EMBEDDED.jdbcUrl(),
				"--marketbase.storage.policies.bars_2m.retention=30d"));

		assertThat(output)
			.contains("marketbase.storage.policies.bars_2m names no table with storage policies; "
					+ "the tables: bars_1m, tick_trades,")
			.doesNotContain("\tat ");
	}

	private static int run(TestWarehouse warehouse, String... args) {
		String[] all = new String[args.length + 3];
		all[0] = "--spring.datasource.url=" + warehouse.jdbcUrl();
		all[1] = "--marketbase.storage.policies.bars_1m.retention=30d";
		// A retention may not be shorter than the loads' gap healing looks back.
		all[2] = "--marketbase.jobs.index-minute.backfill-days=30";
		System.arraycopy(args, 0, all, 3, args.length);
		return SpringApplication.exit(SpringApplication.run(BatchJobsApplication.class, all));
	}

}
