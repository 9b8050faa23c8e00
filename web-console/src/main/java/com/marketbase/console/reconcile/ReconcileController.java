package com.marketbase.console.reconcile;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import com.marketbase.console.ConsoleSql;
import com.marketbase.console.DateWindow;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the last runs of {@code reconcile} found for some days: differences first, newest
 * first, the conventions that explained others counted apart.
 */
@RestController
@Tag(name = "Reconciliation", description = "Differences between the warehouse and the sources")
class ReconcileController {

	static final int MAX_DAYS = 400;

	static final int MAX_FINDINGS = 500;

	private final JdbcTemplate jdbc;

	ReconcileController(ConsoleSql sql) {
		this.jdbc = sql.jdbc();
	}

	@GetMapping("/api/reconcile")
	@Operation(summary = "Reconciliation findings of the days from..to (at most 400), differences first, at most 500")
	Findings findings(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
		DateWindow.checkRange(from, to, MAX_DAYS, "Findings");
		Map<String, Object> counts = this.jdbc.queryForMap("""
				select count(*) filter (where not convention) as differences, count(*) filter (where convention)
					as conventions from market.reconcile_findings where trade_date between ? and ?""", from, to);
		List<Finding> found = this.jdbc.query(
				"""
						select trade_date, symbol, check_name, to_char(bar_end at time zone 'Asia/Shanghai', 'HH24:MI'), field, ours, theirs, cause, convention, detail, source,
							found_at
						from market.reconcile_findings where trade_date between ? and ?
						order by convention, trade_date desc, symbol, check_name, bar_end limit ?""",
				(rs, row) -> new Finding(rs.getObject(1, LocalDate.class), rs.getString(2), rs.getString(3),
						rs.getString(4), rs.getString(5), rs.getBigDecimal(6), rs.getBigDecimal(7), rs.getString(8),
						rs.getBoolean(9), rs.getString(10), rs.getString(11), rs.getObject(12, OffsetDateTime.class)),
				from, to, MAX_FINDINGS);
		return new Findings(((Number) counts.get("differences")).longValue(),
				((Number) counts.get("conventions")).longValue(), found);
	}

	/**
	 * The findings of some days.
	 *
	 * @param differences how many are differences
	 * @param conventions how many are conventions that explained others
	 * @param findings the first of them
	 */
	record Findings(long differences, long conventions, List<Finding> findings) {
	}

	/**
	 * A finding.
	 *
	 * @param day its trading day
	 * @param symbol its instrument
	 * @param check what was compared, for example {@code bars_5m} or
	 * {@code daily_vs_minutes}
	 * @param bar the bar's label (its end), Beijing time, for a bar
	 * @param field the first field that differs
	 * @param ours our value
	 * @param theirs the other value
	 * @param cause the likely cause, for example {@code late_correction}
	 * @param convention whether it is a convention, not a difference
	 * @param detail the values in a sentence
	 * @param source the source compared with
	 * @param foundAt when the run found it
	 */
	record Finding(LocalDate day, String symbol, String check, @Nullable String bar, String field,
			@Nullable BigDecimal ours, @Nullable BigDecimal theirs, String cause, boolean convention, String detail,
			String source, OffsetDateTime foundAt) {
	}

}
