package com.marketbase.batch.warehouse;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;

/**
 * Bars as eight PostgreSQL array literals, one per column, for an
 * {@code INSERT ... SELECT FROM unnest(...)}: a server without COPY FROM STDIN takes a
 * chunk of bars in one prepared statement that way. The literals are sent untyped and
 * cast in the statement ({@code ?::numeric[]}), so the server parses each value as its
 * column's type: prices keep their scale ({@link java.math.BigDecimal#toPlainString()},
 * 7.350 stays 7.350), and timestamps are UTC instants ({@code 2026-11-20T01:31:00Z}).
 */
public final class BarArrays {

	/**
	 * The parameters {@link #bind} sets, in order, as the statement names them: symbol
	 * text[], ts timestamptz[], open, high, low and close numeric[], volume bigint[],
	 * amount numeric[].
	 */
	public static final String UNNEST = "unnest(?::text[], ?::timestamptz[], ?::numeric[], ?::numeric[], "
			+ "?::numeric[], ?::numeric[], ?::bigint[], ?::numeric[])";

	private final String[] columns;

	private BarArrays(String[] columns) {
		this.columns = columns;
	}

	/**
	 * The bars' columns.
	 * @param bars the bars, in the order the arrays hold them
	 * @return the arrays
	 */
	public static BarArrays of(List<Bar> bars) {
		// About 8 to 24 characters a value.
		StringBuilder[] columns = new StringBuilder[8];
		for (int i = 0; i < columns.length; i++) {
			columns[i] = new StringBuilder(2 + bars.size() * ((i == 1) ? 21 : 12)).append('{');
		}
		for (Bar bar : bars) {
			quoted(columns[0], bar.symbol());
			columns[1].append(bar.end()).append(',');
			columns[2].append(bar.open().toPlainString()).append(',');
			columns[3].append(bar.high().toPlainString()).append(',');
			columns[4].append(bar.low().toPlainString()).append(',');
			columns[5].append(bar.close().toPlainString()).append(',');
			columns[6].append(bar.volume()).append(',');
			columns[7].append(bar.amount().toPlainString()).append(',');
		}
		String[] literals = new String[columns.length];
		for (int i = 0; i < columns.length; i++) {
			StringBuilder column = columns[i];
			// The last comma becomes the closing brace; an empty list stays "{}".
			if (column.length() > 1) {
				column.setLength(column.length() - 1);
			}
			literals[i] = column.append('}').toString();
		}
		return new BarArrays(literals);
	}

	// Every symbol quoted, so that no symbol can be read as NULL or split at a comma.
	private static void quoted(StringBuilder column, String value) {
		column.append('"');
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == '"' || c == '\\') {
				column.append('\\');
			}
			column.append(c);
		}
		column.append("\",");
	}

	/**
	 * Sets the eight array parameters of {@link #UNNEST}.
	 * @param statement the statement
	 * @param first the index of its first array parameter
	 * @throws SQLException when a parameter cannot be set
	 */
	public void bind(PreparedStatement statement, int first) throws SQLException {
		for (int i = 0; i < this.columns.length; i++) {
			// Untyped: the statement's cast says what the text is.
			statement.setObject(first + i, this.columns[i], Types.OTHER);
		}
	}

	/**
	 * The literal of one column, for example {@code {7.350,7.360}}.
	 * @param index 0 for symbol to 7 for amount
	 * @return the array literal
	 */
	public String literal(int index) {
		return this.columns[index];
	}

}
