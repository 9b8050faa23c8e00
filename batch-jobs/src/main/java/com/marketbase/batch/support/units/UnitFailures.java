package com.marketbase.batch.support.units;

import java.util.List;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Keeps the units of a dataset that failed in {@code market.failed_work_units}: the last
 * error, how often a retry failed again, and when a unit was quarantined. A unit is
 * quarantined once it has failed {@code quarantineAfter} times, the last of them for a
 * reason of its own (its rows were impossible, or the call for its instrument alone
 * failed); a failed whole-market call is the source's trouble, not the unit's, and never
 * quarantines the market. A unit loaded later is marked resolved; its history stays.
 */
public final class UnitFailures {

	private final JdbcTemplate jdbc;

	private final String dataset;

	private final int quarantineAfter;

	/**
	 * Bookkeeping for one dataset.
	 * @param dataSource the warehouse
	 * @param dataset the dataset
	 * @param quarantineAfter the attempts after which a unit is quarantined (at least 1)
	 */
	public UnitFailures(DataSource dataSource, String dataset, int quarantineAfter) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.dataset = dataset;
		this.quarantineAfter = Math.max(1, quarantineAfter);
	}

	/**
	 * Records failed attempts, in the caller's transaction.
	 * @param failures the failures
	 */
	public void failed(List<Failure> failures) {
		if (failures.isEmpty()) {
			return;
		}
		this.jdbc.batchUpdate("""
				insert into market.failed_work_units (dataset, unit_key, source, retry_count, last_error,
					quarantined_at)
				values (?, ?, ?, 0, ?, case when ? and ? <= 1 then now() end)
				on conflict (dataset, unit_key) where resolved_at is null
				do update set retry_count = market.failed_work_units.retry_count + 1,
					last_error = excluded.last_error, source = excluded.source, last_failed_at = now(),
					quarantined_at = coalesce(market.failed_work_units.quarantined_at,
						case when ? and market.failed_work_units.retry_count + 2 >= ? then now() end)
				""", failures, failures.size(), (ps, failure) -> {
			ps.setString(1, this.dataset);
			ps.setString(2, failure.unit().key());
			ps.setString(3, failure.source());
			ps.setString(4, failure.error());
			ps.setBoolean(5, failure.own());
			ps.setInt(6, this.quarantineAfter);
			ps.setBoolean(7, failure.own());
			ps.setInt(8, this.quarantineAfter);
		});
	}

	/**
	 * Marks units loaded after all, in the caller's transaction.
	 * @param units the units
	 */
	public void resolved(List<SymbolDay> units) {
		if (units.isEmpty()) {
			return;
		}
		this.jdbc.batchUpdate(
				"update market.failed_work_units set resolved_at = now() "
						+ "where dataset = ? and unit_key = ? and resolved_at is null",
				units, units.size(), (ps, unit) -> {
					ps.setString(1, this.dataset);
					ps.setString(2, unit.key());
				});
	}

	/**
	 * One failed attempt at a unit.
	 *
	 * @param unit the unit
	 * @param source the source read
	 * @param error what went wrong
	 * @param own whether the failure is the unit's own (its rows, or its instrument's
	 * call) and so counts towards quarantine
	 */
	public record Failure(SymbolDay unit, String source, String error, boolean own) {
	}

}
