package com.marketbase.console.coverage;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.marketbase.console.ConsoleSql;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads {@code market.coverage} and {@code market.coverage_gaps}.
 */
class CoverageReader {

	private final JdbcTemplate jdbc;

	CoverageReader(ConsoleSql sql) {
		this.jdbc = sql.jdbc();
	}

	Map<String, String> datasets() {
		Map<String, String> datasets = new LinkedHashMap<>();
		this.jdbc.query("select dataset, description from market.datasets order by dataset", (ResultSet rs) -> {
			datasets.put(rs.getString(1), rs.getString(2));
		});
		return datasets;
	}

	CoverageMatrix matrix(@Nullable String dataset, LocalDate from, LocalDate to) {
		Map<String, String> datasets = datasets();
		List<String> days = from.datesUntil(to.plusDays(1)).map(LocalDate::toString).toList();
		Map<String, List<CoverageMatrix.Cell>> cells = new TreeMap<>();
		this.jdbc.query("select * from market.coverage(?, ?, ?)", (ResultSet rs) -> {
			cells.computeIfAbsent(rs.getString("dataset"), (name) -> new ArrayList<>(days.size())).add(cell(rs));
		}, dataset, from, to);
		List<CoverageMatrix.Row> rows = new ArrayList<>();
		cells.forEach((name, row) -> {
			Map<String, Integer> verdicts = new TreeMap<>();
			row.forEach((cell) -> verdicts.merge(cell.verdict(), 1, Integer::sum));
			rows.add(new CoverageMatrix.Row(name, datasets.getOrDefault(name, ""), row, verdicts));
		});
		return new CoverageMatrix(from.toString(), to.toString(), days, rows);
	}

	CoverageGaps gaps(String dataset, LocalDate day, int limit) {
		CoverageMatrix.Cell cell = this.jdbc
			.query("select * from market.coverage(?, ?, ?)", (rs, row) -> cell(rs), dataset, day, day)
			.get(0);
		List<CoverageGaps.Gap> gaps = this.jdbc.query(
				"select symbol, name, status, rows_loaded, rows_expected, reason, quarantined "
						+ "from market.coverage_gaps(?, ?) limit ?",
				(rs, row) -> new CoverageGaps.Gap(rs.getString(1), rs.getString(2), rs.getString(3),
						rs.getObject(4, Integer.class), rs.getObject(5, Integer.class), rs.getString(6),
						rs.getBoolean(7)),
				dataset, day, limit);
		return new CoverageGaps(dataset, day.toString(), cell, gaps, cell.partial() + cell.missing());
	}

	// The same verdict as the command line's, from the same counts.
	private static CoverageMatrix.Cell cell(ResultSet rs) throws SQLException {
		String state = rs.getString("day_state");
		long complete = rs.getLong("complete");
		long partial = rs.getLong("partial");
		long missing = rs.getLong("missing");
		long inProgress = rs.getLong("in_progress");
		String verdict;
		if (state.equals("closed")) {
			verdict = "closed";
		}
		else if (!state.equals("open")) {
			verdict = "no calendar";
		}
		else if (complete + partial + missing + inProgress == 0) {
			verdict = "nothing owed";
		}
		else if (missing > 0) {
			verdict = "missing";
		}
		else if (inProgress > 0) {
			// Today's intraday units, until the evening run completes them.
			verdict = "in progress";
		}
		else {
			verdict = (partial > 0) ? "partial" : "complete";
		}
		return new CoverageMatrix.Cell(verdict, complete, partial, missing, rs.getLong("suspended"),
				rs.getLong("not_listed"), rs.getLong("delisted"));
	}

}
