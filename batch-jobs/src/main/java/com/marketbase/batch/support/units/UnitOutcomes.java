package com.marketbase.batch.support.units;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcOperations;

/**
 * A chunk's outcomes for {@code market.load_units}, written by one statement that takes
 * one array per column. Coverage is counted by statement triggers on {@code load_units}:
 * a statement per unit ran that count once for every unit, which on a full-market day was
 * a tenth of the server's time for the load; one statement per chunk runs it once. A unit
 * given twice keeps its last outcome, as writing them one after the other would, and as
 * one upsert must (it cannot change a row twice).
 */
public final class UnitOutcomes {

	private final Map<SymbolDay, Outcome> outcomes = new LinkedHashMap<>();

	/**
	 * Adds a unit's outcome, replacing an earlier one of the same unit.
	 * @param unit the unit
	 * @param status its status
	 * @param rows rows loaded
	 * @param expected rows expected
	 * @param reason why, when it is not loaded whole
	 */
	public void add(SymbolDay unit, String status, int rows, int expected, @Nullable String reason) {
		this.outcomes.put(unit, new Outcome(status, rows, expected, reason));
	}

	/**
	 * Writes the outcomes as they were given.
	 * @param jdbc the warehouse
	 * @param stamp what every row is stamped with
	 */
	public void write(JdbcOperations jdbc, Stamp stamp) {
		write(jdbc, stamp, Rule.AS_GIVEN);
	}

	/**
	 * Writes the outcomes, each status and reason as the rule decides, and replaces what
	 * was recorded for the same units.
	 * @param jdbc the warehouse
	 * @param stamp what every row is stamped with
	 * @param rule how the status and reason stored are derived from those given
	 */
	public void write(JdbcOperations jdbc, Stamp stamp, Rule rule) {
		if (this.outcomes.isEmpty()) {
			return;
		}
		jdbc.update("""
				insert into market.load_units (dataset, symbol, trade_date, status, rows_loaded, rows_expected, reason,
					source, load_batch_id, job_execution_id)
				select ?, v.symbol, v.trade_date, %s, v.rows_loaded, v.rows_expected, %s, ?, ?, ?
				from unnest(?::text[], ?::date[], ?::text[], ?::integer[], ?::integer[], ?::text[])
					as v (symbol, trade_date, status, rows_loaded, rows_expected, reason)
				%s
				on conflict (dataset, symbol, trade_date) do update set status = excluded.status,
					rows_loaded = excluded.rows_loaded, rows_expected = excluded.rows_expected,
					reason = excluded.reason, source = excluded.source, load_batch_id = excluded.load_batch_id,
					job_execution_id = excluded.job_execution_id, updated_at = now()
				""".formatted(rule.status(), rule.reason(), rule.join()), (ps) -> {
			ps.setString(1, stamp.dataset());
			ps.setString(2, stamp.source());
			ps.setLong(3, stamp.loadBatch());
			ps.setLong(4, stamp.jobExecution());
			bindColumns(ps, 5);
		});
	}

	private void bindColumns(PreparedStatement statement, int first) throws SQLException {
		int n = this.outcomes.size();
		String[] symbols = new String[n];
		String[] days = new String[n];
		String[] statuses = new String[n];
		Integer[] rows = new Integer[n];
		Integer[] expected = new Integer[n];
		String[] reasons = new String[n];
		int i = 0;
		for (Map.Entry<SymbolDay, Outcome> entry : this.outcomes.entrySet()) {
			Outcome outcome = entry.getValue();
			symbols[i] = entry.getKey().symbol();
			days[i] = entry.getKey().day().toString();
			statuses[i] = outcome.status();
			rows[i] = outcome.rows();
			expected[i] = outcome.expected();
			reasons[i] = outcome.reason();
			i++;
		}
		Connection connection = statement.getConnection();
		statement.setArray(first, connection.createArrayOf("text", symbols));
		// ISO text, cast by the server: the driver's own date arrays go through
		// java.sql.Date and so the JVM's time zone.
		statement.setArray(first + 1, connection.createArrayOf("text", days));
		statement.setArray(first + 2, connection.createArrayOf("text", statuses));
		statement.setArray(first + 3, connection.createArrayOf("int4", rows));
		statement.setArray(first + 4, connection.createArrayOf("int4", expected));
		statement.setArray(first + 5, connection.createArrayOf("text", reasons));
	}

	/**
	 * What every outcome of one write is stamped with.
	 *
	 * @param dataset the dataset
	 * @param source the source's key
	 * @param loadBatch the load batch
	 * @param jobExecution the job execution
	 */
	public record Stamp(String dataset, String source, long loadBatch, long jobExecution) {
	}

	/**
	 * How a dataset derives the status and reason it stores from those given: SQL over
	 * the given outcome {@code v}, whose columns are named as in {@code load_units}, and
	 * over whatever {@code join} adds beside it. Only the product's own constants, never
	 * input.
	 *
	 * @param join joined after the outcomes, for example a {@code cross join lateral}
	 * @param status the status stored
	 * @param reason the reason stored
	 */
	public record Rule(String join, String status, String reason) {

		static final Rule AS_GIVEN = new Rule("", "v.status", "v.reason");

	}

	private record Outcome(String status, int rows, int expected, @Nullable String reason) {
	}

}
