package com.marketbase.console.quality;

import java.time.LocalDate;
import java.util.List;

import com.marketbase.console.ConsoleSql;
import com.marketbase.console.DateWindow;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The data-quality findings of some days, as the last run of the rules ({@code check} or
 * {@code quality} on the command line) stored them: blocking first, newest first.
 */
@RestController
@Tag(name = "Quality", description = "Data-quality findings")
class QualityController {

	static final int MAX_DAYS = 400;

	static final int MAX_FINDINGS = 500;

	private final JdbcTemplate jdbc;

	QualityController(ConsoleSql sql) {
		this.jdbc = sql.jdbc();
	}

	@GetMapping("/api/quality")
	@Operation(summary = "Data-quality findings of the days from..to (at most 400), blocking first, at most 500")
	Findings findings(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
		DateWindow.checkRange(from, to, MAX_DAYS, "Findings");
		Integer blocking = this.jdbc.queryForObject("select count(*) from market.quality_findings "
				+ "where trade_date between ? and ? and severity = 'blocking'", Integer.class, from, to);
		List<Finding> found = this.jdbc.query("""
				select rule, dataset, symbol, trade_date, severity, detail, found_at from market.quality_findings
				where trade_date between ? and ?
				order by severity = 'blocking' desc, trade_date desc, dataset, symbol, rule limit ?""",
				(rs, row) -> new Finding(rs.getString(1), rs.getString(2), rs.getString(3),
						rs.getObject(4, LocalDate.class), rs.getString(5), rs.getString(6),
						rs.getObject(7, java.time.OffsetDateTime.class)),
				from, to, MAX_FINDINGS);
		return new Findings((blocking != null) ? blocking : 0, found);
	}

	/**
	 * The findings of some days.
	 *
	 * @param blocking how many of them block {@code check}
	 * @param findings the first of them
	 */
	record Findings(int blocking, List<Finding> findings) {
	}

	/**
	 * A finding.
	 *
	 * @param rule the rule, for example {@code limit_band}
	 * @param dataset its dataset
	 * @param symbol its instrument
	 * @param day its trading day
	 * @param severity {@code blocking} or {@code warning}
	 * @param detail the values in a sentence
	 * @param foundAt when the rules last found it
	 */
	record Finding(String rule, String dataset, String symbol, LocalDate day, String severity, String detail,
			java.time.OffsetDateTime foundAt) {
	}

}
