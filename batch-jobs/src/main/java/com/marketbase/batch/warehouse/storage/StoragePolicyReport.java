package com.marketbase.batch.warehouse.storage;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import com.marketbase.batch.warehouse.AggregateWindow;
import com.marketbase.batch.warehouse.WarehouseInfo;
import com.marketbase.batch.warehouse.WarehouseMode;
import com.marketbase.batch.warehouse.storage.StorageTable.Kind;
import com.marketbase.batch.warehouse.storage.StorageTable.Storage;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Says per table what its storage policy is and what it did last: in full mode, for the
 * policies TimescaleDB runs, from {@code timescaledb_information.jobs} and
 * {@code job_stats}; for the work the {@code storage} job does itself, from
 * {@code market.storage_policy_runs}. A policy applied with other values than configured
 * is shown with both, until the next {@code storage} run applies the configured ones.
 */
public final class StoragePolicyReport {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
		.withZone(AggregateWindow.MARKET_ZONE);

	private final JdbcTemplate jdbc;

	private final WarehouseInfo warehouse;

	private final StoragePolicies policies;

	public StoragePolicyReport(DataSource dataSource, WarehouseInfo warehouse, StoragePolicies policies) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.warehouse = warehouse;
		this.policies = policies;
	}

	/**
	 * Every table's policy, in the order of {@link StorageTable}.
	 * @return the states
	 */
	public List<StoragePolicyState> all() {
		WarehouseMode mode = this.warehouse.mode();
		Map<String, Job> jobs = new HashMap<>();
		if (mode.hasContinuousAggregates()) {
			this.jdbc.query(
					"""
							select j.job_id, j.proc_name, coalesce(c.view_name, j.hypertable_name),
								extract(epoch from coalesce(j.config ->> 'compress_after', j.config ->> 'drop_after')::interval)::bigint,
								s.last_run_status, s.last_successful_finish, s.total_runs, s.total_failures
							from timescaledb_information.jobs j
							left join timescaledb_information.job_stats s on s.job_id = j.job_id
							left join timescaledb_information.continuous_aggregates c
								on c.materialization_hypertable_schema = j.hypertable_schema
								and c.materialization_hypertable_name = j.hypertable_name
							where (j.hypertable_schema = 'market' or c.view_schema = 'market')
								and j.proc_name in ('policy_compression', 'policy_retention')""",
					(rs) -> {
						jobs.put(rs.getString(2) + "|" + rs.getString(3), new Job(rs.getInt(1), rs.getLong(4),
								rs.getString(5), rs.getTimestamp(6), rs.getLong(7), rs.getLong(8)));
					});
		}
		// What the compression policies left, whether or not their runs were recorded.
		Map<String, String> chunks = new HashMap<>();
		if (mode.hasContinuousAggregates()) {
			this.jdbc.query("""
					select hypertable_name, count(*) filter (where is_compressed), count(*)
					from timescaledb_information.chunks where hypertable_schema = 'market' group by 1""", (rs) -> {
				chunks.put(rs.getString(1), "; " + rs.getLong(2) + " of " + rs.getLong(3) + " chunks compressed");
			});
		}
		Map<String, Run> runs = new HashMap<>();
		this.jdbc.query("select table_name, policy, ran_at, rows_removed, chunks, error, runs, failures "
				+ "from market.storage_policy_runs", (rs) -> {
					runs.put(rs.getString(1) + "|" + rs.getString(2),
							new Run(rs.getTimestamp(3), (Long) rs.getObject(4), (Long) rs.getObject(5), rs.getString(6),
									rs.getLong(7), rs.getLong(8)));
				});
		List<StoragePolicyState> states = new ArrayList<>();
		for (StoragePolicy policy : this.policies.policies()) {
			Storage storage = policy.table().storage(mode);
			String key = policy.table().key();
			String name = storage.relation().substring(storage.relation().indexOf('.') + 1);
			String compression = (!mode.hasContinuousAggregates() || storage.kind() == Kind.TABLE)
					? compressionUnavailable(mode, storage.kind())
					: byTimescaleDb(storage, "compression", mode)
							? timescale(jobs.get("policy_compression|" + name), policy.compressAfter())
									+ chunks.getOrDefault(name, "; 0 of 0 chunks compressed")
							: own(runs.get(key + "|compression"), policy.compressAfter(), "compressed ");
			String retained = byTimescaleDb(storage, "retention", mode)
					? timescale(jobs.get("policy_retention|" + name), policy.retention())
					: own(runs.get(key + "|retention"), policy.retention(), "removed ");
			states.add(new StoragePolicyState(key, StoragePolicy.describe(policy.compressAfter()),
					StoragePolicy.describe(policy.retention()), compression, retained));
		}
		return states;
	}

	/**
	 * Whether TimescaleDB's scheduler runs a table's policy in a mode, rather than the
	 * {@code storage} job.
	 * @param storage where the table is
	 * @param policy {@code compression} or {@code retention}
	 * @param mode the warehouse mode
	 * @return true for the policies of hypertables and an aggregate's retention in full
	 * mode
	 */
	static boolean byTimescaleDb(Storage storage, String policy, WarehouseMode mode) {
		return mode.hasContinuousAggregates() && (storage.kind() == Kind.HYPERTABLE
				|| (storage.kind() == Kind.CONTINUOUS_AGGREGATE && policy.equals("retention")));
	}

	/**
	 * Why a table cannot be compressed.
	 * @param mode the warehouse mode
	 * @param kind how the table is kept
	 * @return for example {@code not available (Apache license)}
	 */
	static String compressionUnavailable(WarehouseMode mode, Kind kind) {
		return switch (mode) {
			case PLAIN -> "not available (plain PostgreSQL)";
			case TIMESCALEDB_APACHE -> "not available (Apache license)";
			case TIMESCALEDB_FULL -> "not available (plain table)";
		};
	}

	private static String timescale(@Nullable Job job, @Nullable Duration configured) {
		if (job == null) {
			return (configured == null) ? "off" : "no policy yet (job=storage adds it)";
		}
		String applied = StoragePolicy.describe(Duration.ofSeconds(job.afterSeconds()));
		String said = "policy " + job.id() + ", " + applied + ": ";
		said += (job.runs() == 0) ? "no run yet"
				: job.status() + ((job.lastSuccess() != null) ? " " + TIME.format(job.lastSuccess().toInstant()) : "")
						+ ", " + job.runs() + " runs, " + job.failures() + " failed";
		if (configured == null) {
			return said + "; set off (job=storage removes it)";
		}
		return (configured.toSeconds() != job.afterSeconds())
				? said + "; set " + StoragePolicy.describe(configured) + " (job=storage applies it)" : said;
	}

	private static String own(@Nullable Run run, @Nullable Duration configured, String verb) {
		if (configured == null) {
			return "off";
		}
		if (run == null) {
			return "no run yet";
		}
		String at = TIME.format(run.ranAt().toInstant());
		String count = " (" + run.runs() + " runs, " + run.failures() + " failed)";
		if (run.error() != null) {
			String error = (run.error().length() > 80) ? run.error().substring(0, 80) + "..." : run.error();
			return "failed " + at + ": " + error + count;
		}
		String did = (run.rows() != null) ? run.rows() + " rows" : run.chunks() + " chunks";
		return at + ": " + verb + did + count;
	}

	private record Job(int id, long afterSeconds, @Nullable String status, @Nullable Timestamp lastSuccess, long runs,
			long failures) {
	}

	private record Run(Timestamp ranAt, @Nullable Long rows, @Nullable Long chunks, @Nullable String error, long runs,
			long failures) {
	}

}
