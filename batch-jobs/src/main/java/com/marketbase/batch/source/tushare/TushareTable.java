package com.marketbase.batch.source.tushare;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * The {@code data} of a Tushare answer: rows addressed by column name.
 *
 * @param fields the column names in the order the server sent them
 * @param rows the rows, each aligned with {@code fields}
 */
public record TushareTable(List<String> fields, List<JsonNode> rows) {

	public TushareTable {
		fields = List.copyOf(fields);
		rows = List.copyOf(rows);
	}

	public int size() {
		return this.rows.size();
	}

	/**
	 * The rows as column name to value maps.
	 * @return one map per row, in the server's row order
	 */
	public List<Row> named() {
		Map<String, Integer> index = new HashMap<>();
		for (int i = 0; i < this.fields.size(); i++) {
			index.put(this.fields.get(i), i);
		}
		List<Row> named = new ArrayList<>(this.rows.size());
		for (JsonNode row : this.rows) {
			named.add(new Row(index, row));
		}
		return named;
	}

	/**
	 * One row of a Tushare answer.
	 *
	 * @param index column name to position
	 * @param values the row as sent
	 */
	public record Row(Map<String, Integer> index, JsonNode values) {

		/**
		 * The value of a column.
		 * @param field the column name
		 * @return the value; a missing node when the server did not send that column
		 */
		public JsonNode get(String field) {
			Integer position = this.index.get(field);
			return (position != null) ? this.values.path(position) : this.values.path(Integer.MAX_VALUE);
		}

		@Override
		public String toString() {
			return this.values.toString();
		}

	}

}
