package com.marketbase.batch.support.units;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A chunk's outcomes for {@code market.load_units}, sent as one array per column so that
 * one statement writes them all. Coverage is counted by statement triggers on
 * {@code load_units}: a statement per unit ran that count once for every unit, which on a
 * full-market day was a tenth of the server's time for the load; one statement per chunk
 * runs it once. A unit given twice keeps its last outcome, as writing them one after the
 * other would, and as one upsert must (it cannot change a row twice).
 */
public final class UnitOutcomes {

	/**
	 * The outcomes as a row source named {@code v}, with columns
	 * {@code symbol, trade_date,
	 * status, rows_loaded, rows_expected, reason}; its six parameters are bound by
	 * {@link #bind(PreparedStatement, int)}.
	 */
	public static final String ROWS = "unnest(?::text[], ?::date[], ?::text[], ?::integer[], ?::integer[], ?::text[])"
			+ " as v (symbol, trade_date, status, rows_loaded, rows_expected, reason)";

	/** How a unit already recorded takes the new outcome. */
	public static final String REPLACING = """
			on conflict (dataset, symbol, trade_date) do update set status = excluded.status,
				rows_loaded = excluded.rows_loaded, rows_expected = excluded.rows_expected,
				reason = excluded.reason, source = excluded.source, load_batch_id = excluded.load_batch_id,
				job_execution_id = excluded.job_execution_id, updated_at = now()
			""";

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
		this.outcomes.remove(unit);
		this.outcomes.put(unit, new Outcome(status, rows, expected, reason));
	}

	public boolean isEmpty() {
		return this.outcomes.isEmpty();
	}

	public int size() {
		return this.outcomes.size();
	}

	/**
	 * Binds the six arrays of {@link #ROWS}.
	 * @param statement the statement
	 * @param first the index of the first of them
	 * @return the index after the last
	 * @throws SQLException when an array cannot be made
	 */
	public int bind(PreparedStatement statement, int first) throws SQLException {
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
		// Days go as ISO text and are cast by the server: a date array of the driver's
		// own
		// would pass through java.sql.Date and the JVM's time zone.
		statement.setArray(first + 1, connection.createArrayOf("text", days));
		statement.setArray(first + 2, connection.createArrayOf("text", statuses));
		statement.setArray(first + 3, connection.createArrayOf("int4", rows));
		statement.setArray(first + 4, connection.createArrayOf("int4", expected));
		statement.setArray(first + 5, connection.createArrayOf("text", reasons));
		return first + 6;
	}

	private record Outcome(String status, int rows, int expected, @Nullable String reason) {
	}

}
