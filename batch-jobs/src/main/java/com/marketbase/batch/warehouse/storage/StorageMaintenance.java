package com.marketbase.batch.warehouse.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import com.marketbase.batch.warehouse.WarehouseInfo;
import com.marketbase.batch.warehouse.WarehouseMode;
import com.marketbase.batch.warehouse.storage.StorageTable.Kind;
import com.marketbase.batch.warehouse.storage.StorageTable.Storage;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Applies the storage policies once. In full mode a hypertable's compression and
 * retention become TimescaleDB policies (added, replaced when the setting changed,
 * removed when retention is unset), which TimescaleDB's scheduler then runs; a continuous
 * aggregate's retention is a policy too, while its compression is done here, since
 * TimescaleDB takes a compression policy on an aggregate only beside a refresh policy and
 * the loads refresh the aggregates themselves. Everything else is done here: retention by
 * {@code drop_chunks} on a hypertable under the Apache license and by deletes of at most
 * {@code delete-batch-rows} rows a statement on a plain table; what it did is kept in
 * {@code market.storage_policy_runs}.
 * <p>
 * It works on a connection of its own in autocommit, so each statement stands alone: a
 * failing table does not undo the others, and no delete holds more than one batch.
 */
public final class StorageMaintenance {

	private final DataSource dataSource;

	private final WarehouseInfo warehouse;

	private final StoragePolicies policies;

	public StorageMaintenance(DataSource dataSource, WarehouseInfo warehouse, StoragePolicies policies) {
		this.dataSource = dataSource;
		this.warehouse = warehouse;
		this.policies = policies;
	}

	/**
	 * Applies every table's policy.
	 * @return what was done, per table and policy
	 */
	public List<StorageOutcome> run() {
		try (Connection connection = this.dataSource.getConnection()) {
			boolean autoCommit = connection.getAutoCommit();
			connection.setAutoCommit(true);
			try {
				return run(new JdbcTemplate(new SingleConnectionDataSource(connection, true)));
			}
			finally {
				connection.setAutoCommit(autoCommit);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("The storage policies cannot run: " + ex.getMessage(), ex);
		}
	}

	private List<StorageOutcome> run(JdbcTemplate jdbc) {
		WarehouseMode mode = this.warehouse.mode();
		List<StorageOutcome> outcomes = new ArrayList<>();
		// Tables sharing rows (the aggregate levels in market.bar_levels) are pruned
		// once.
		Map<String, Removed> pruned = new HashMap<>();
		for (StoragePolicy policy : this.policies.policies()) {
			Storage storage = policy.table().storage(mode);
			String table = policy.table().key();
			outcomes.add(attempt(jdbc, table, "compression", () -> compress(jdbc, policy, storage)));
			outcomes.add(attempt(jdbc, table, "retention", () -> retain(jdbc, policy, storage, pruned)));
		}
		return outcomes;
	}

	private StorageOutcome attempt(JdbcTemplate jdbc, String table, String policy, Step step) {
		try {
			return new StorageOutcome(table, policy, false, step.run());
		}
		catch (DataAccessException | IllegalStateException ex) {
			String error = firstLine(ex);
			if (recordsItself(table, policy)) {
				record(jdbc, table, policy, null, null, null, error);
			}
			return new StorageOutcome(table, policy, true, "failed: " + error);
		}
	}

	// Whether the run of this table's policy is kept in storage_policy_runs (and not
	// by TimescaleDB's job statistics).
	private boolean recordsItself(String key, String policy) {
		StorageTable table = StorageTable.of(key).orElseThrow();
		return !StoragePolicyReport.byTimescaleDb(table.storage(this.warehouse.mode()), policy, this.warehouse.mode());
	}

	private String compress(JdbcTemplate jdbc, StoragePolicy policy, Storage storage) {
		WarehouseMode mode = this.warehouse.mode();
		if (!mode.hasContinuousAggregates() || storage.kind() == Kind.TABLE) {
			return StoragePolicyReport.compressionUnavailable(mode, storage.kind());
		}
		String interval = StoragePolicy.interval(policy.compressAfter());
		if (storage.kind() == Kind.CONTINUOUS_AGGREGATE) {
			Boolean enabled = jdbc.queryForObject("select compression_enabled from "
					+ "timescaledb_information.continuous_aggregates where view_schema = 'market' and view_name = ?",
					Boolean.class, name(storage));
			if (!Boolean.TRUE.equals(enabled)) {
				jdbc.execute("alter materialized view " + storage.relation() + " set (timescaledb.compress = true)");
			}
			// Chunks wholly compressed already are left alone and not counted. A chunk a
			// refresh wrote into since is partly compressed (status bit 8) and is
			// compressed again, or its uncompressed part would grow with every refresh.
			Long chunks = jdbc.queryForObject("""
					select count(compress_chunk(c.c, if_not_compressed => true))
					from show_chunks(?::regclass, older_than => now() - ?::interval) c (c)
					where not exists (select 1 from _timescaledb_catalog.chunk k
						where to_regclass(format('%I.%I', k.schema_name, k.table_name)) = c.c
						and k.status & 1 = 1 and k.status & 8 = 0)""", Long.class, storage.relation(), interval);
			Timestamp cutoff = cutoff(jdbc, interval);
			record(jdbc, policy.table().key(), "compression", null, chunks, cutoff, null);
			return "compressed the chunks older than " + interval + " (" + chunks + " chunks)";
		}
		Boolean enabled = jdbc.queryForObject("select compression_enabled from timescaledb_information.hypertables "
				+ "where hypertable_schema = 'market' and hypertable_name = ?", Boolean.class, name(storage));
		String said = "";
		if (!Boolean.TRUE.equals(enabled)) {
			// Segments per instrument, newest first: the reads are per symbol and recent.
			jdbc.execute("alter table " + storage.relation() + " set (timescaledb.compress, "
					+ "timescaledb.compress_segmentby = 'symbol', timescaledb.compress_orderby = '"
					+ storage.timeColumn() + " desc')");
			said = "compression enabled; ";
		}
		return said + policy(jdbc, storage, "policy_compression", "compress_after", interval);
	}

	private String retain(JdbcTemplate jdbc, StoragePolicy policy, Storage storage, Map<String, Removed> pruned) {
		WarehouseMode mode = this.warehouse.mode();
		if (mode.hasContinuousAggregates() && storage.kind() != Kind.TABLE) {
			return policy(jdbc, storage, "policy_retention", "drop_after",
					(policy.retention() != null) ? StoragePolicy.interval(policy.retention()) : null);
		}
		Duration retention = sharedRetention(policy, storage);
		if (retention == null) {
			return (policy.retention() == null) ? "off"
					: "kept: another table shares " + storage.relation() + " and keeps its rows";
		}
		String interval = StoragePolicy.interval(retention);
		String key = storage.relation() + "|" + storage.rowFilter();
		Removed removed = pruned.get(key);
		if (removed == null) {
			removed = (storage.kind() == Kind.HYPERTABLE) ? dropChunks(jdbc, storage, interval)
					: deleteRows(jdbc, storage, interval);
			pruned.put(key, removed);
		}
		record(jdbc, policy.table().key(), "retention", removed.rows(), removed.chunks(), removed.cutoff(), null);
		return removed.said();
	}

	// A row of market.bar_levels holds every level's bar of its five minutes, so it goes
	// only once every level sharing it is past its retention.
	private @Nullable Duration sharedRetention(StoragePolicy policy, Storage storage) {
		Duration longest = policy.retention();
		for (StoragePolicy other : this.policies.policies()) {
			if (other != policy && other.table().storage(this.warehouse.mode()).sharesRowsWith(storage)) {
				if (other.retention() == null || longest == null) {
					return null;
				}
				longest = (other.retention().compareTo(longest) > 0) ? other.retention() : longest;
			}
		}
		return longest;
	}

	private Removed dropChunks(JdbcTemplate jdbc, Storage storage, String interval) {
		Timestamp cutoff = cutoff(jdbc, interval);
		Long chunks = jdbc.queryForObject("select count(*) from drop_chunks(?::regclass, older_than => ?::interval)",
				Long.class, storage.relation(), interval);
		long dropped = (chunks != null) ? chunks : 0;
		return new Removed(null, dropped, cutoff, "dropped " + dropped + " chunks older than " + interval);
	}

	private Removed deleteRows(JdbcTemplate jdbc, Storage storage, String interval) {
		Timestamp cutoff = cutoff(jdbc, interval);
		boolean date = storage.timeColumn().equals("trade_date");
		String older = storage.timeColumn()
				+ (date ? " < (?::timestamptz at time zone 'Asia/Shanghai')::date" : " < ?::timestamptz")
				+ ((storage.rowFilter() != null) ? " and " + storage.rowFilter() : "");
		String delete = "delete from " + storage.relation() + " where ctid in (select ctid from " + storage.relation()
				+ " where " + older + " limit " + this.policies.deleteBatchRows() + ")";
		long rows = 0;
		int deleted;
		do {
			deleted = jdbc.update(delete, cutoff);
			rows += deleted;
		}
		while (deleted == this.policies.deleteBatchRows());
		return new Removed(rows, null, cutoff, "deleted " + rows + " rows older than " + interval);
	}

	// Adds, replaces or removes one TimescaleDB policy so that it matches the setting.
	private String policy(JdbcTemplate jdbc, Storage storage, String proc, String field, @Nullable String interval) {
		// Before TimescaleDB 2.20 the jobs view names an aggregate's job by its
		// materialization hypertable, not by the view.
		List<Object[]> existing = jdbc.query(
				"select j.job_id, (j.config ->> '" + field
						+ "')::interval = ?::interval from timescaledb_information.jobs j "
						+ "where j.proc_name = ? and j.hypertable_schema in ('market', '_timescaledb_internal') and "
						+ "j.hypertable_name in (?, coalesce((select c.materialization_hypertable_name from "
						+ "timescaledb_information.continuous_aggregates c where c.view_schema = 'market' "
						+ "and c.view_name = ?), ''))",
				(rs, row) -> new Object[] { rs.getInt(1), rs.getBoolean(2) }, (interval != null) ? interval : "0", proc,
				name(storage), name(storage));
		String remove = proc.equals("policy_compression") ? "remove_compression_policy" : "remove_retention_policy";
		if (interval == null) {
			if (existing.isEmpty()) {
				return "off";
			}
			jdbc.queryForList("select " + remove + "(?::regclass, if_exists => true)::text", String.class,
					storage.relation());
			return "policy " + existing.get(0)[0] + " removed";
		}
		if (!existing.isEmpty() && Boolean.TRUE.equals(existing.get(0)[1])) {
			return "policy " + existing.get(0)[0] + " kept (" + interval + ")";
		}
		if (!existing.isEmpty()) {
			jdbc.queryForList("select " + remove + "(?::regclass, if_exists => true)::text", String.class,
					storage.relation());
		}
		String add = proc.equals("policy_compression")
				? "select add_compression_policy(?::regclass, compress_after => ?::interval, if_not_exists => true)"
				: "select add_retention_policy(?::regclass, drop_after => ?::interval, if_not_exists => true)";
		Integer job = jdbc.queryForObject(add, Integer.class, storage.relation(), interval);
		if (job == null || job <= 0) {
			// if_not_exists answers -1 with a warning when a policy it did not see
			// exists.
			throw new IllegalStateException("TimescaleDB added no " + proc + " on " + storage.relation()
					+ " (it answered " + job + "): a policy it knows and this run did not find is in the way");
		}
		return "policy " + job + (existing.isEmpty() ? " added (" : " replaced policy " + existing.get(0)[0] + " (")
				+ interval + ")";
	}

	private static Timestamp cutoff(JdbcTemplate jdbc, String interval) {
		return jdbc.queryForObject("select now() - ?::interval", Timestamp.class, interval);
	}

	private static void record(JdbcTemplate jdbc, String table, String policy, @Nullable Long rows,
			@Nullable Long chunks, @Nullable Timestamp cutoff, @Nullable String error) {
		jdbc.update("""
				insert into market.storage_policy_runs (table_name, policy, ran_at, rows_removed, chunks, cutoff, error,
					runs, failures)
				values (?, ?, now(), ?, ?, ?, ?, 1, ?)
				on conflict (table_name, policy) do update set ran_at = excluded.ran_at,
					rows_removed = excluded.rows_removed, chunks = excluded.chunks, cutoff = excluded.cutoff,
					error = excluded.error, runs = market.storage_policy_runs.runs + 1,
					failures = market.storage_policy_runs.failures + excluded.failures""", table, policy, rows, chunks,
				cutoff, error, (error != null) ? 1 : 0);
	}

	private static String name(Storage storage) {
		return storage.relation().substring(storage.relation().indexOf('.') + 1);
	}

	private static String firstLine(RuntimeException ex) {
		Throwable cause = (ex instanceof DataAccessException access && access.getMostSpecificCause() != null)
				? access.getMostSpecificCause() : ex;
		String message = (cause.getMessage() != null) ? cause.getMessage() : cause.getClass().getSimpleName();
		String line = message.lines().findFirst().orElse(message).strip();
		return (line.length() > 300) ? line.substring(0, 300) + "..." : line;
	}

	private interface Step {

		String run();

	}

	private record Removed(@Nullable Long rows, @Nullable Long chunks, Timestamp cutoff, String said) {
	}

}
