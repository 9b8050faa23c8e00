package com.marketbase.batch.job.minute1m;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import com.marketbase.batch.cli.Console;
import com.marketbase.batch.support.units.GapFinder;
import com.marketbase.batch.warehouse.BarAggregateRefresher;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * The {@code ops/bench/scale} measurement: how the cost of a day's load, of the
 * aggregates, of the gap finder and coverage, and of the console's queries grows as
 * {@code bars_1m} grows from one day of the full market to sixty.
 * <p>
 * Every load runs {@code batch.jar} as its own process ({@code job=minute_1m
 * source=sandbox}, the sandbox unthrottled in the job's JVM), capped at 512 MB of heap
 * and with its GC logged, so that the heap figure is the job's own. At each size the next
 * day is loaded once (unmeasured, which also gives its rows), then, as many times as
 * asked, taken out again and loaded by a server-side COPY of the same rows and by the
 * job, in alternating order, each from a settled database with the day's rows deleted and
 * vacuumed away: both write into the grown table.
 * <p>
 * Arguments: JDBC URL of an empty database, {@code batch.jar}, sizes in days (for example
 * {@code 1,10,60}), repeats at each size, the last open day to load, and optionally the
 * JDBC URL of a TimescaleDB with the TSL license (compression is measured there on rows
 * copied from the first).
 */
public final class ScaleBenchmark {

	private static final ZoneId MARKET = ZoneId.of("Asia/Shanghai");

	private static final Path DUMP = Path.of("/tmp/marketbase-scale-day.tsv");

	private static final Pattern ROLLED = Pattern
		.compile("rolled up with each chunk: ([0-9.]+) s of writing in ([0-9]+) partitions");

	private static final Pattern GC = Pattern.compile("([0-9]+)M->[0-9]+M\\(([0-9]+)M\\)");

	private final String url;

	private final Path jar;

	private final JdbcTemplate jdbc;

	private final DataSource dataSource;

	private final List<String> javaOptions;

	private int peakHeap;

	private int heapCap;

	private ScaleBenchmark(String url, Path jar) {
		this.url = url;
		this.jar = jar;
		this.dataSource = new SimpleDriverDataSource(new org.postgresql.Driver(), url);
		this.jdbc = new JdbcTemplate(this.dataSource);
		String options = System.getenv().getOrDefault("MARKETBASE_BENCH_JAVA_OPTS", "-XX:TieredStopAtLevel=1").trim();
		this.javaOptions = options.isEmpty() ? List.of() : Arrays.asList(options.split("\\s+"));
	}

	public static void main(String[] args) throws Exception {
		if (args.length < 5) {
			throw new IllegalArgumentException("usage: <jdbc-url> <batch.jar> <sizes, e.g. 1,10,60> <repeats> "
					+ "<last open day> [<TSL jdbc-url>]");
		}
		List<Integer> sizes = Arrays.stream(args[2].split(",")).map(Integer::valueOf).sorted().toList();
		new ScaleBenchmark(args[0], Path.of(args[1])).run(sizes, Integer.parseInt(args[3]), LocalDate.parse(args[4]),
				(args.length > 5) ? args[5] : null);
	}

	private void run(List<Integer> sizes, int repeats, LocalDate last, String tslUrl) throws Exception {
		int largest = sizes.get(sizes.size() - 1);
		job("job=calendar", "start_date=" + last.withDayOfYear(1), "end_date=" + last, "source=sandbox");
		List<LocalDate> open = this.jdbc.queryForList(
				"select cal_date from market.trading_calendar "
						+ "where exchange = 'SSE' and is_open and cal_date <= ? order by cal_date desc limit ?",
				LocalDate.class, last, largest + 1);
		if (open.size() < largest + 1) {
			throw new IllegalStateException(
					"the calendar has " + open.size() + " open days up to " + last + ", not " + (largest + 1));
		}
		List<LocalDate> days = new ArrayList<>(open);
		java.util.Collections.reverse(days);
		print("scale benchmark: sizes %s days, %d repeats, open days %s to %s, job JVM options %s -Xmx512m", sizes,
				repeats, days.get(0), days.get(largest), this.javaOptions);
		List<Measured> measured = new ArrayList<>();
		int held = 0;
		for (int size : sizes) {
			if (size > held) {
				long started = System.nanoTime();
				job("job=minute_1m", "start_date=" + days.get(held), "end_date=" + days.get(size - 1),
						"source=sandbox");
				print("  filled to %d days (%s to %s) in %.0f s: %,d bars", size, days.get(0), days.get(size - 1),
						(System.nanoTime() - started) / 1e9, bars());
			}
			Measured at = measure(size, days.get(size), repeats);
			held = size + 1;
			at = at.withReads(reads(days.subList(0, held)));
			measured.add(at);
			at.print();
		}
		summary(measured);
		print("  peak heap in use of the job's JVMs: %d MB of %d MB (target <= 512 MB)", this.peakHeap, this.heapCap);
		if (tslUrl != null) {
			try {
				compression(tslUrl, days.subList(0, Math.min(5, days.size())));
			}
			catch (RuntimeException | SQLException ex) {
				print("  compression not measured: %s", String.valueOf(ex.getMessage()).lines().findFirst().orElse(""));
			}
		}
	}

	// One size: the next day's load by COPY and by the job into the grown table.
	private Measured measure(int size, LocalDate day, int repeats) throws Exception {
		String[] load = { "job=minute_1m", "trade_date=" + day, "source=sandbox", "force=true" };
		job(load);
		long rows = bars(day);
		Files.deleteIfExists(DUMP);
		this.jdbc.execute(
				"copy (select * from market.bars_1m where " + window(day) + " order by symbol, ts) to '" + DUMP + "'");
		List<Double> copies = new ArrayList<>();
		List<Run> runs = new ArrayList<>();
		boolean jobLast = true;
		for (int repeat = 1; repeat <= repeats; repeat++) {
			boolean jobFirst = repeat % 2 == 1;
			for (int step = 0; step < 2; step++) {
				takeOut(day);
				if ((step == 0) == jobFirst) {
					Run run = job(load);
					require(bars(day) == rows, "the job stored " + bars(day) + " bars of " + day + ", not " + rows);
					runs.add(run);
					jobLast = true;
				}
				else {
					long started = System.nanoTime();
					this.jdbc.execute("copy market.bars_1m from '" + DUMP + "'");
					copies.add((System.nanoTime() - started) / 1e9);
					require(bars(day) == rows, "COPY stored " + bars(day) + " bars of " + day + ", not " + rows);
					jobLast = false;
				}
			}
		}
		if (!jobLast) {
			// The day's aggregates and units as the job leaves them, for the sizes after
			// it.
			takeOut(day);
			job(load);
		}
		return new Measured(size, day, rows, median(copies), Run.median(runs), null);
	}

	// The day's bars and rollups deleted and vacuumed away, and a checkpoint, so that
	// the next load starts from the same settled state.
	private void takeOut(LocalDate day) {
		this.jdbc.update("delete from market.bars_1m where " + window(day));
		this.jdbc.update("delete from " + BarAggregateRefresher.TABLE + " where " + window(day));
		this.jdbc.execute("vacuum (analyze) market.bars_1m");
		this.jdbc.execute("vacuum (analyze) " + BarAggregateRefresher.TABLE);
		this.jdbc.execute("checkpoint");
	}

	// What reads the grown warehouse: the gap finder, coverage, the console's queries,
	// and bytes on disk.
	private Reads reads(List<LocalDate> days) {
		LocalDate first = days.get(0);
		LocalDate last = days.get(days.size() - 1);
		GapFinder finder = Minute1mPrepareTasklet.gapFinder(this.dataSource);
		finder.missing(null, last, last);
		long started = System.nanoTime();
		int holes = finder.missing(null, first, last).size();
		double gapSeconds = (System.nanoTime() - started) / 1e9;
		String symbol = this.jdbc.queryForObject(
				"select min(symbol) from market.load_units where dataset = 'minute_1m' and trade_date = ?",
				String.class, last);
		String from = "'" + first.atStartOfDay(MARKET).toOffsetDateTime() + "'";
		String to = "'" + last.plusDays(1).atStartOfDay(MARKET).toOffsetDateTime() + "'";
		String lastFrom = "'" + last.atStartOfDay(MARKET).toOffsetDateTime() + "'";
		double coverage = serverMillis("select * from market.coverage('minute_1m', '" + first + "', '" + last + "')");
		double symbolBars = serverMillis("select ts, open, high, low, close, volume, amount from market.bars_5m "
				+ "where symbol = '" + symbol + "' and ts > " + from + " and ts <= " + to + " order by ts");
		double marketDay = serverMillis("select symbol, ts, open, high, low, close, volume, amount from "
				+ "market.bars_60m where ts > " + lastFrom + " and ts <= " + to);
		double matrix = serverMillis("select * from market.coverage(null, '" + first + "', '" + last + "')");
		return new Reads(gapSeconds, holes, (long) days.size() * unitsADay(last), coverage, symbolBars, marketDay,
				matrix, bytes("market.bars_1m"), bytes(BarAggregateRefresher.TABLE), storedBars());
	}

	private long storedBars() {
		Long bars = this.jdbc
			.queryForObject("select sum(rows_loaded) from market.load_units where dataset = 'minute_1m'", Long.class);
		return (bars != null) ? bars : 0;
	}

	private long unitsADay(LocalDate day) {
		Long units = this.jdbc.queryForObject(
				"select count(*) from market.load_units where dataset = 'minute_1m' and trade_date = ?", Long.class,
				day);
		return (units != null) ? units : 0;
	}

	// Server time (planning and execution) of a query, the median of three warm runs.
	private double serverMillis(String sql) {
		List<Double> runs = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			String plan = String.join("\n",
					this.jdbc.queryForList("explain (analyze, timing off, format text) " + sql, String.class));
			double millis = 0;
			Matcher times = Pattern.compile("(?:Planning|Execution) Time: ([0-9.]+) ms").matcher(plan);
			while (times.find()) {
				millis += Double.parseDouble(times.group(1));
			}
			if (i > 0) {
				runs.add(millis);
			}
		}
		return median(runs);
	}

	private long bytes(String table) {
		Boolean hypertable = this.jdbc.queryForObject("select exists (select 1 from pg_extension where extname = "
				+ "'timescaledb') and exists (select 1 from timescaledb_information.hypertables where "
				+ "format('%I.%I', hypertable_schema, hypertable_name) = ?)", Boolean.class, table);
		Long bytes = Boolean.TRUE.equals(hypertable)
				? this.jdbc.queryForObject("select hypertable_size(?::regclass)", Long.class, table)
				: this.jdbc.queryForObject("select pg_total_relation_size(?::regclass)", Long.class, table);
		return (bytes != null) ? bytes : 0;
	}

	private void summary(List<Measured> measured) {
		Measured first = measured.get(0);
		Measured last = measured.get(measured.size() - 1);
		print("  at %d days against %d: the job's rate %.2f x (target >= 0.9), COPY's %.2f x; "
				+ "gap finder %.2f x and coverage %.2f x the time for %.1f x the units", last.size(), first.size(),
				last.jobRate() / first.jobRate(), last.copyRate() / first.copyRate(),
				last.reads().gapSeconds() / first.reads().gapSeconds(),
				last.reads().coverageMillis() / first.reads().coverageMillis(),
				(double) last.reads().units() / first.reads().units());
	}

	// Compression on a TimescaleDB with the TSL license: a week of 200 symbols' bars
	// copied there (by INSERT from arrays: the conformance target takes no COPY),
	// measured before and after compress_chunk.
	private void compression(String tslUrl, List<LocalDate> week) throws SQLException {
		List<Object[]> rows = this.jdbc.query(
				"""
						select symbol, ts, open::text, high::text, low::text, close::text, volume, amount::text
						from market.bars_1m where symbol in (select distinct symbol from market.bars_1m where %s
							order by symbol limit 200) and ts > ? and ts <= ? order by symbol, ts"""
					.formatted(window(week.get(0))),
				(rs, n) -> new Object[] { rs.getString(1), rs.getObject(2, java.time.OffsetDateTime.class),
						rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getLong(7),
						rs.getString(8) },
				week.get(0).atStartOfDay(MARKET).toOffsetDateTime(),
				week.get(week.size() - 1).plusDays(1).atStartOfDay(MARKET).toOffsetDateTime());
		try (Connection tsl = DriverManager.getConnection(tslUrl)) {
			JdbcTemplate target = new JdbcTemplate(
					new org.springframework.jdbc.datasource.SingleConnectionDataSource(tsl, true));
			target.execute("drop schema if exists scale_bench cascade");
			target.execute("create schema scale_bench");
			try {
				target.execute("create table scale_bench.bars (symbol text not null, ts timestamptz not null, "
						+ "open numeric not null, high numeric not null, low numeric not null, close numeric not null, "
						+ "volume bigint not null, amount numeric not null, source text not null, "
						+ "load_batch_id bigint not null, loaded_at timestamptz not null default now(), "
						+ "primary key (symbol, ts))");
				target.execute("select create_hypertable('scale_bench.bars', 'ts', chunk_time_interval => "
						+ "interval '7 days', create_default_indexes => false)");
				target.execute("alter table scale_bench.bars set (timescaledb.compress, "
						+ "timescaledb.compress_segmentby = 'symbol', timescaledb.compress_orderby = 'ts')");
				insert(tsl, rows);
				long before = tslBytes(target);
				target.execute("select count(compress_chunk(c)) from show_chunks('scale_bench.bars') c");
				long after = tslBytes(target);
				print("  compression (TimescaleDB %s, TSL): %,d bars of %d days: %.1f bytes a bar before, %.1f after "
						+ "compress_chunk (%.1f x smaller)",
						target.queryForObject("select extversion from pg_extension where extname = 'timescaledb'",
								String.class),
						rows.size(), week.size(), (double) before / rows.size(), (double) after / rows.size(),
						(double) before / after);
			}
			finally {
				target.execute("drop schema if exists scale_bench cascade");
			}
		}
	}

	private static void insert(Connection tsl, List<Object[]> rows) throws SQLException {
		String[] types = { "text", "timestamptz", "numeric", "numeric", "numeric", "numeric", "int8", "numeric" };
		try (PreparedStatement insert = tsl.prepareStatement("insert into scale_bench.bars (symbol, ts, open, high, "
				+ "low, close, volume, amount, source, load_batch_id) select *, 'sandbox', 0 from unnest(?::text[], "
				+ "?::timestamptz[], ?::numeric[], ?::numeric[], ?::numeric[], ?::numeric[], ?::int8[], ?::numeric[])")) {
			for (int from = 0; from < rows.size(); from += 1_000) {
				List<Object[]> part = rows.subList(from, Math.min(rows.size(), from + 1_000));
				for (int column = 0; column < types.length; column++) {
					Object[] values = new Object[part.size()];
					for (int i = 0; i < values.length; i++) {
						values[i] = part.get(i)[column];
					}
					Array array = tsl.createArrayOf(types[column], values);
					insert.setArray(column + 1, array);
				}
				insert.executeUpdate();
			}
		}
	}

	private static long tslBytes(JdbcTemplate target) {
		Long bytes = target.queryForObject("select hypertable_size('scale_bench.bars')", Long.class);
		return (bytes != null) ? bytes : 0;
	}

	// One run of batch.jar with a 512 MB heap; its job's times from the job repository.
	private Run job(String... arguments) throws IOException, InterruptedException {
		Path gcLog = Files.createTempFile("marketbase-scale-gc", ".log");
		Path output = Files.createTempFile("marketbase-scale-job", ".out");
		List<String> command = new ArrayList<>(List.of("java"));
		command.addAll(this.javaOptions);
		command.addAll(List.of("-Xmx512m", "-Xlog:gc:file=" + gcLog, "-jar", this.jar.toString(),
				"--spring.datasource.url=" + this.url, "--logging.level.com.marketbase=warn"));
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
		if (!process.waitFor(2, TimeUnit.HOURS)) {
			process.destroyForcibly();
			throw new IllegalStateException("batch.jar " + String.join(" ", arguments) + " did not end in 2 hours");
		}
		String out = Files.readString(output, StandardCharsets.UTF_8);
		heap(Files.readString(gcLog, StandardCharsets.UTF_8));
		Files.deleteIfExists(gcLog);
		Files.deleteIfExists(output);
		if (process.exitValue() != 0) {
			throw new IllegalStateException("batch.jar " + String.join(" ", arguments) + " exited "
					+ process.exitValue() + ":\n" + out.substring(Math.max(0, out.length() - 3000)));
		}
		Map<String, Object> times = this.jdbc.queryForMap(
				"""
						select extract(epoch from j.end_time - j.start_time) as job,
							(select extract(epoch from s.end_time - s.start_time) from batch_step_execution s
								where s.job_execution_id = j.job_execution_id and s.step_name = 'minute_1m.load') as load,
							(select extract(epoch from s.end_time - s.start_time) from batch_step_execution s
								where s.job_execution_id = j.job_execution_id and s.step_name = 'minute_1m.aggregate') as aggregate
						from batch_job_execution j order by j.job_execution_id desc limit 1""");
		Matcher rolled = ROLLED.matcher(out);
		double writing = rolled.find()
				? Double.parseDouble(rolled.group(1)) / Math.max(1, Integer.parseInt(rolled.group(2))) : 0;
		return new Run(seconds(times.get("job")), seconds(times.get("load")), seconds(times.get("aggregate")), writing);
	}

	private void heap(String gcLog) {
		Matcher collection = GC.matcher(gcLog);
		while (collection.find()) {
			this.peakHeap = Math.max(this.peakHeap, Integer.parseInt(collection.group(1)));
			this.heapCap = Math.max(this.heapCap, Integer.parseInt(collection.group(2)));
		}
	}

	private static double seconds(Object value) {
		return (value instanceof Number number) ? number.doubleValue() : Double.NaN;
	}

	private static String window(LocalDate day) {
		return "ts > '" + day.atStartOfDay(MARKET).toOffsetDateTime() + "' and ts <= '"
				+ day.plusDays(1).atStartOfDay(MARKET).toOffsetDateTime() + "'";
	}

	private long bars() {
		Long count = this.jdbc.queryForObject("select count(*) from market.bars_1m", Long.class);
		return (count != null) ? count : 0;
	}

	private long bars(LocalDate day) {
		Long count = this.jdbc.queryForObject("select count(*) from market.bars_1m where " + window(day), Long.class);
		return (count != null) ? count : 0;
	}

	static double median(List<Double> values) {
		List<Double> sorted = values.stream().sorted().toList();
		int n = sorted.size();
		return (n % 2 == 1) ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
	}

	private static void require(boolean condition, String message) {
		if (!condition) {
			throw new IllegalStateException(message);
		}
	}

	private static void print(String format, Object... args) {
		Console.system().say(String.format(Locale.ROOT, format, args));
	}

	/**
	 * One timed run of the job.
	 *
	 * @param job seconds from the job's start to its end
	 * @param load seconds of its load step
	 * @param aggregate seconds of its aggregate step
	 * @param writing seconds a partition's writers spent on the aggregates
	 */
	private record Run(double job, double load, double aggregate, double writing) {

		// Each figure's median over the runs.
		static Run median(List<Run> runs) {
			return new Run(ScaleBenchmark.median(runs.stream().map(Run::job).toList()),
					ScaleBenchmark.median(runs.stream().map(Run::load).toList()),
					ScaleBenchmark.median(runs.stream().map(Run::aggregate).toList()),
					ScaleBenchmark.median(runs.stream().map(Run::writing).toList()));
		}

	}

	/**
	 * What reads the warehouse took at one size.
	 *
	 * @param gapSeconds the gap finder over the whole range
	 * @param holes what it found (units the sandbox had no bars for, as a suspension)
	 * @param units the units of the range
	 * @param coverageMillis server time of {@code market.coverage} over the range
	 * @param symbolMillis one symbol's 5-minute bars over the range
	 * @param marketDayMillis the last day's 60-minute bars of the market
	 * @param matrixMillis the console's coverage matrix over the range
	 * @param barBytes {@code bars_1m} with its indexes
	 * @param rollupBytes the rollup table with its indexes
	 * @param bars the bars stored, as the load units count them
	 */
	private record Reads(double gapSeconds, int holes, long units, double coverageMillis, double symbolMillis,
			double marketDayMillis, double matrixMillis, long barBytes, long rollupBytes, long bars) {

	}

	/**
	 * The figures of one size.
	 *
	 * @param size the days held before the measured day
	 * @param day the measured day
	 * @param rows its bars
	 * @param copySeconds the median server-side COPY of its rows
	 * @param run the median job run
	 * @param reads the reads after it
	 */
	private record Measured(int size, LocalDate day, long rows, double copySeconds, Run run, Reads reads) {

		Measured withReads(Reads reads) {
			return new Measured(this.size, this.day, this.rows, this.copySeconds, this.run, reads);
		}

		double copyRate() {
			return this.rows / this.copySeconds;
		}

		double jobRate() {
			return this.rows / this.run.job();
		}

		void print() {
			ScaleBenchmark.print("== %d days held, loading %s (%,d bars) ==", this.size, this.day, this.rows);
			ScaleBenchmark.print("  server-side COPY into the grown table  %6.2f s  %,9.0f rows/s", this.copySeconds,
					copyRate());
			ScaleBenchmark.print(
					"  the minute_1m job end to end            %6.2f s  %,9.0f rows/s = %.2f x COPY "
							+ "(target >= 0.8); load step %.2f s",
					this.run.job(), jobRate(), jobRate() / copyRate(), this.run.load());
			ScaleBenchmark.print(
					"  aggregates: %.2f s of the writers' time a partition + %.2f s aggregate step = "
							+ "%.1f %% of the job",
					this.run.writing(), this.run.aggregate(),
					100 * (this.run.writing() + this.run.aggregate()) / this.run.job());
			ScaleBenchmark.print(
					"  over the %d days held: gap finder %.2f s for %,d units (%.1f us a unit, %d holes); coverage %.1f ms",
					this.size + 1, this.reads.gapSeconds(), this.reads.units(),
					this.reads.gapSeconds() * 1e6 / this.reads.units(), this.reads.holes(),
					this.reads.coverageMillis());
			ScaleBenchmark.print(
					"  console, server time: one symbol's 5-minute bars %.1f ms, the market's 60-minute "
							+ "bars of a day %.1f ms, coverage matrix %.1f ms (target < 100 ms)",
					this.reads.symbolMillis(), this.reads.marketDayMillis(), this.reads.matrixMillis());
			long bars = this.reads.bars();
			ScaleBenchmark.print(
					"  on disk: bars_1m %.1f bytes a bar (about %,d bars, %,d MB), rollups %.1f bytes a " + "bar",
					(double) this.reads.barBytes() / bars, bars, this.reads.barBytes() >> 20,
					(double) this.reads.rollupBytes() / bars);
		}

	}

}
