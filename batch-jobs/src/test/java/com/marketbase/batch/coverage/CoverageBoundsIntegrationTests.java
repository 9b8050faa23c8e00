package com.marketbase.batch.coverage;

import com.marketbase.batch.warehouse.TestWarehouse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The coverage functions refuse, themselves, the bounds a caller should never send: a
 * date before 4713 BC reaches the server as {@code -infinity}, and a day series up to it
 * never ends. In every warehouse mode.
 */
class CoverageBoundsIntegrationTests {

	@ParameterizedTest
	@EnumSource(TestWarehouse.class)
	void refusesInfiniteAbsurdAndOverlongBounds(TestWarehouse warehouse) {
		warehouse.freshlyMigrated();
		JdbcTemplate jdbc = new JdbcTemplate(warehouse.dataSource());

		for (String call : new String[] { "market.coverage(null, '-infinity'::date, '2026-01-01')",
				"market.coverage('minute_1m', '2026-01-01', 'infinity'::date)",
				"market.coverage(null, '1900-01-01', '1900-12-31')",
				"market.coverage(null, '1990-01-01', '2026-01-01')", "market.coverage(null, null, '2026-01-01')",
				"market.coverage_gaps('minute_1m', '-infinity'::date)" }) {
			DataAccessException refused = catchThrowableOfType(DataAccessException.class,
					() -> jdbc.queryForList("select * from " + call));

			assertThat(refused).as(call).isNotNull();
			assertThat(refused.getMostSpecificCause()).as(call)
				.isInstanceOfSatisfying(java.sql.SQLException.class,
						(sql) -> assertThat(sql.getSQLState()).isEqualTo("22023"));
		}
		assertThat(jdbc.queryForList("select * from market.coverage(null, '2026-11-16', '2026-11-20')")).isNotNull();
	}

}
