package com.marketbase.batch.job.minute1m;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import javax.sql.DataSource;

import com.marketbase.batch.BatchJobsApplication;
import com.marketbase.batch.cli.Console;
import com.marketbase.batch.warehouse.reference.MarketReference;
import com.marketbase.batch.sandbox.Sandbox;
import com.marketbase.batch.sandbox.SandboxSettings;
import com.marketbase.batch.warehouse.Bar;
import com.marketbase.batch.source.SourceName;
import com.marketbase.batch.warehouse.BarAggregateRefresher;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.batch.infrastructure.item.database.JdbcBatchItemWriter;
import org.springframework.batch.infrastructure.item.database.builder.JdbcBatchItemWriterBuilder;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The {@code ops/bench/minute_1m} measurement: the same 1-minute bars loaded three ways
 * into the same warehouse in one run, against an unthrottled sandbox.
 * <ol>
 * <li>server-side COPY of the identical rows into an empty {@code bars_1m}: the physical
 * limit;</li>
 * <li>the {@code minute_1m} job end to end (its load step, and its aggregate refresh
 * separately);</li>
 * <li>the same reader, processor and partitions with a plain {@link JdbcBatchItemWriter}
 * doing batched {@code INSERT ... ON CONFLICT}: what a typical Spring Batch user
 * writes.</li>
 * </ol>
 * An unmeasured run of the job comes first, so that every measured one runs in a JVM that
 * has loaded its classes and compiled its hot code ({@code job-only} measures that first
 * run alone).
 * <p>
 * Arguments: JDBC URL, exchange (SH, SZ or BJ), first day, last day, and optionally
 * {@code job-only} to run the job alone (for profiling it).
 */
public final class Minute1mBenchmark {

	private static final String DUMP = "/tmp/marketbase-bench-bars_1m.tsv";

	private Minute1mBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		String url = args[0];
		String exchange = (args.length > 1) ? args[1] : "BJ";
		LocalDate first = (args.length > 2) ? LocalDate.parse(args[2]) : LocalDate.of(2026, 11, 9);
		LocalDate last = (args.length > 3) ? LocalDate.parse(args[3]) : LocalDate.of(2026, 11, 20);
		try (Sandbox sandbox = Sandbox.start(SandboxSettings.defaults()
			.withTokens(Map.of(SandboxSettings.TOKEN, SandboxSettings.Grant.everything(10_000_000))));
				ConfigurableApplicationContext app = application(sandbox, url, true)) {
			run(app, exchange, first, last, args.length > 4 && "job-only".equals(args[4]),
					() -> application(sandbox, url, false));
		}
	}

	private static ConfigurableApplicationContext application(Sandbox sandbox, String url, boolean rollUp) {
		return SpringApplication.run(BatchJobsApplication.class, "--spring.datasource.url=" + url,
				"--marketbase.sources.tushare.base-url=" + sandbox.baseUrl(),
				"--marketbase.sources.tushare.token=" + SandboxSettings.TOKEN,
				"--marketbase.sources.tushare.calls-per-minute[default]=10000000", "--marketbase.cli.enabled=false",
				"--logging.level.com.marketbase=warn", "--marketbase.jobs.minute-1m.roll-up-while-loading=" + rollUp);
	}

	private static void run(ConfigurableApplicationContext app, String exchange, LocalDate first, LocalDate last,
			boolean jobOnly, Supplier<ConfigurableApplicationContext> barsOnlyApp) throws Exception {
		DataSource dataSource = app.getBean(DataSource.class);
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		JobOperator operator = app.getBean(JobOperator.class);
		Map<String, String> given = Map.of("start_date", first.toString(), "end_date", last.toString(), "exchange",
				exchange, "source", "tushare", "force", "true");
		if (jobOnly) {
			Timed alone = timed(app, given, jdbc);
			long rows = count(jdbc);
			print("minute_1m job alone: %,d bars in %.1f s, %,.0f rows/s; CPU of this JVM %.1f s = %.2f us a bar "
					+ "(of which the sandbox %.2f us)", rows, alone.seconds(), rows / alone.seconds(),
					alone.cpu().processSeconds(), alone.cpu().processSeconds() * 1e6 / rows,
					alone.cpu().sandboxSeconds() * 1e6 / rows);
			return;
		}
		// A first run, not measured, brings the JVM up to speed (class loading, the
		// compiler) for every measured run alike, and gives the rows to COPY.
		timed(app, given, jdbc);
		long rows = count(jdbc);
		int days = new MarketReference(dataSource).openDays(first, last).size();

		jdbc.execute("copy (select * from market.bars_1m order by symbol, ts) to '" + DUMP + "'");
		jdbc.update("truncate market.bars_1m");
		settle(jdbc);
		long started = System.nanoTime();
		jdbc.execute("copy market.bars_1m from '" + DUMP + "'");
		double copySeconds = (System.nanoTime() - started) / 1e9;
		require(count(jdbc) == rows, "COPY stored " + count(jdbc) + " rows, not " + rows);

		// The same load with the rollups refreshed after it, as the COPY and the plain
		// writer load bars alone.
		double barsSeconds;
		double refreshSeconds;
		try (ConfigurableApplicationContext barsOnly = barsOnlyApp.get()) {
			Timed bars = timed(barsOnly, given, jdbc);
			require(count(jdbc) == rows, "The job without rollups stored " + count(jdbc) + " rows, not " + rows);
			barsSeconds = bars.load();
			refreshSeconds = bars.aggregate();
		}

		// End to end as it runs by default: the aggregates are part of the job.
		Timed job = timed(app, given, jdbc);
		require(count(jdbc) == rows, "The job stored " + count(jdbc) + " rows, not " + rows);
		double loadSeconds = job.load();
		double aggregateSeconds = job.aggregate();
		double jobSeconds = job.seconds();
		CpuClock.Spent spent = job.cpu();

		emptyBars(jdbc);
		settle(jdbc);
		JobExecution plain = operator.start(plainJob(app, given),
				new JobParametersBuilder(app.getBean(Minute1mLaunch.class).parameters(given))
					.addLocalDateTime("bench", LocalDateTime.now())
					.toJobParameters());
		require(plain);
		require(count(jdbc) == rows, "JdbcBatchItemWriter stored " + count(jdbc) + " rows, not " + rows);
		double plainSeconds = stepSeconds(jdbc, plain, "minute_1m.load");

		double copyRate = rows / copySeconds;
		double barsRate = rows / barsSeconds;
		double jobRate = rows / jobSeconds;
		double plainRate = rows / plainSeconds;
		print("minute_1m benchmark: %,d bars (%s, %d open days, %s to %s), warehouse %s", rows, exchange, days, first,
				last, app.getBean(com.marketbase.batch.warehouse.WarehouseInfo.class).describe());
		print("  (1) server-side COPY into empty bars_1m   %8.1f s  %,10.0f rows/s", copySeconds, copyRate);
		print("  (2) minute_1m job loading the bars         %8.1f s  %,10.0f rows/s  = %.2f x COPY (target >= 0.5)",
				barsSeconds, barsRate, barsRate / copyRate);
		print("      (its aggregates refreshed after the load step: %.1f s more)", refreshSeconds);
		print("      the job end to end as it runs by default, %.1f s  %,10.0f rows/s  = %.2f x COPY", jobSeconds,
				jobRate, jobRate / copyRate);
		print("      (the rollups written with each chunk: load step %.1f s, aggregate step %.1f s)", loadSeconds,
				aggregateSeconds);
		print("  (3) JdbcBatchItemWriter INSERT..ON CONFLICT %7.1f s  %,10.0f rows/s  job (2) = %.2f x this "
				+ "(target >= 2); end to end %.2f x", plainSeconds, plainRate, barsRate / plainRate,
				jobRate / plainRate);
		print("  CPU of this JVM during the job              %7.1f s  = %.2f us a bar (of which the sandbox %.2f us)",
				spent.processSeconds(), spent.processSeconds() * 1e6 / rows, spent.sandboxSeconds() * 1e6 / rows);
	}

	// The minute_1m job with its writer replaced by a plain JdbcBatchItemWriter.
	private static Job plainJob(ConfigurableApplicationContext app, Map<String, String> given) {
		JobRepository repository = app.getBean(JobRepository.class);
		PlatformTransactionManager transactions = app.getBean(PlatformTransactionManager.class);
		DataSource dataSource = app.getBean(DataSource.class);
		MinuteBarFeeds feeds = app.getBean(MinuteBarFeeds.class);
		JdbcBatchItemWriter<Bar> bars = new JdbcBatchItemWriterBuilder<Bar>().dataSource(dataSource).sql("""
				insert into market.bars_1m (symbol, ts, open, high, low, close, volume, amount, source, load_batch_id)
				values (?, ?, ?, ?, ?, ?, ?, ?, 'tushare', 0)
				on conflict (symbol, ts) do update set open = excluded.open, high = excluded.high, low = excluded.low,
					close = excluded.close, volume = excluded.volume, amount = excluded.amount
				""").itemPreparedStatementSetter((bar, ps) -> {
			ps.setString(1, bar.symbol());
			ps.setTimestamp(2, java.sql.Timestamp.from(bar.end()));
			ps.setBigDecimal(3, bar.open());
			ps.setBigDecimal(4, bar.high());
			ps.setBigDecimal(5, bar.low());
			ps.setBigDecimal(6, bar.close());
			ps.setLong(7, bar.volume());
			ps.setBigDecimal(8, bar.amount());
		}).assertUpdates(false).build();
		ItemWriter<LoadedUnit> flatten = (chunk) -> {
			Chunk<Bar> flat = new Chunk<>();
			chunk.forEach((unit) -> unit.bars().forEach(flat::add));
			bars.write(flat);
		};
		Minute1mParameters parameters = Minute1mParameters.parse(given, LocalDate.MIN, "tushare");
		MinuteBarFeed feed = feeds.feed("tushare");
		List<String> symbols = new MarketReference(dataSource).listedShares(parameters.exchange(),
				parameters.startDate(), parameters.endDate());
		List<LocalDate> days = new MarketReference(dataSource).openDays(parameters.startDate(), parameters.endDate());
		Map<String, ExecutionContext> partitions = new Minute1mPartitioner(symbols)
			.partition(app.getBean(Minute1mJobProperties.class).partitions());
		Step worker = new StepBuilder("minute_1m.plain.worker", repository)
			.<FetchedUnit, LoadedUnit>chunk(app.getBean(Minute1mJobProperties.class)
				.chunkUnits(Math.max(1, Math.min(days.size(), feed.daysPerUnit()))))
			.transactionManager(transactions)
			.reader(new PartitionReader(feed, days))
			.processor(new CanonicalDayProcessor(SourceName.TUSHARE))
			.writer(flatten)
			.build();
		Step load = new StepBuilder("minute_1m.load", repository)
			.partitioner("minute_1m.plain.worker", (grid) -> partitions)
			.step(worker)
			.gridSize(partitions.size())
			.taskExecutor(new SimpleAsyncTaskExecutor("plain-"))
			.build();
		return new JobBuilder("minute_1m_plain_writer", repository).start(load).build();
	}

	/**
	 * Hands each partition thread its own unit reader, built from the partition's symbols
	 * when the partition opens.
	 */
	private static final class PartitionReader implements ItemStreamReader<FetchedUnit> {

		private final MinuteBarFeed feed;

		private final List<LocalDate> days;

		private final ThreadLocal<MinuteUnitReader> reader = new ThreadLocal<>();

		PartitionReader(MinuteBarFeed feed, List<LocalDate> days) {
			this.feed = feed;
			this.days = days;
		}

		@Override
		public void open(ExecutionContext context) {
			List<String> symbols = List.of(context.getString(Minute1mPartitioner.SYMBOLS).split(","));
			MinuteUnitReader partition = new MinuteUnitReader(
					MinuteUnit.plan(symbols, this.days, this.feed.daysPerUnit()), this.feed);
			partition.open(context);
			this.reader.set(partition);
		}

		@Override
		public FetchedUnit read() {
			return this.reader.get().read();
		}

		@Override
		public void update(ExecutionContext context) {
			this.reader.get().update(context);
		}

		@Override
		public void close() {
			this.reader.remove();
		}

	}

	// One run of the job from empty tables; its load and aggregate steps' seconds and the
	// JVM's CPU.
	private static Timed timed(ConfigurableApplicationContext app, Map<String, String> given, JdbcTemplate jdbc)
			throws Exception {
		emptyBars(jdbc);
		settle(jdbc);
		CpuClock cpu = CpuClock.start();
		JobExecution job = app.getBean(JobOperator.class)
			.start(app.getBean("minute1mJob", Job.class), app.getBean(Minute1mLaunch.class).parameters(given));
		CpuClock.Spent spent = cpu.stop();
		require(job);
		return new Timed(stepSeconds(jdbc, job, "minute_1m.load"), stepSeconds(jdbc, job, "minute_1m.aggregate"),
				spent);
	}

	/**
	 * A measured run.
	 *
	 * @param load seconds of its load step
	 * @param aggregate seconds of its aggregate step
	 * @param cpu the JVM's CPU during the run
	 */
	private record Timed(double load, double aggregate, CpuClock.Spent cpu) {

		double seconds() {
			return this.load + this.aggregate;
		}

	}

	// Every run starts from empty tables, rollups included: the job writes those too.
	private static void emptyBars(JdbcTemplate jdbc) {
		jdbc.update("truncate market.bars_1m, " + BarAggregateRefresher.TABLE);
	}

	// Each measured load starts without the previous one's dirty pages and WAL to flush.
	private static void settle(JdbcTemplate jdbc) {
		jdbc.execute("checkpoint");
	}

	private static double stepSeconds(JdbcTemplate jdbc, JobExecution execution, String step) {
		Double seconds = jdbc.queryForObject(
				"select extract(epoch from end_time - start_time) from "
						+ "batch_step_execution where job_execution_id = ? and step_name = ?",
				Double.class, execution.getId(), step);
		return (seconds != null) ? seconds : Double.NaN;
	}

	private static long count(JdbcTemplate jdbc) {
		Long count = jdbc.queryForObject("select count(*) from market.bars_1m", Long.class);
		return (count != null) ? count : 0;
	}

	private static void require(JobExecution execution) {
		require(execution.getStatus() == BatchStatus.COMPLETED, execution.getJobInstance().getJobName() + " ended "
				+ execution.getStatus() + ": " + execution.getExitStatus().getExitDescription());
	}

	private static void require(boolean condition, String message) {
		if (!condition) {
			throw new IllegalStateException(message);
		}
	}

	private static void print(String format, Object... args) {
		Console.system().say(String.format(format, args));
	}

}
