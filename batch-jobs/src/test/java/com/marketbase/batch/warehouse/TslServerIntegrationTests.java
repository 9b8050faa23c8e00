package com.marketbase.batch.warehouse;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What the TSL target's server ({@code ops/tsl-db/server.mjs}) must take: statements and
 * pipelined batches larger than one network read, which PGlite once saw in pieces and
 * died on, and COPY FROM STDIN refused by an SQL error the session survives.
 */
class TslServerIntegrationTests {

	private final TestWarehouse tsl = TestWarehouse.TIMESCALEDB_TSL;

	@Test
	void takesAMegabyteInsertFromArraysWithEveryScaleKept() throws SQLException {
		List<Bar> bars = new ArrayList<>();
		Instant start = Instant.parse("2026-11-20T01:31:00Z");
		for (int i = 0; i < 20_000; i++) {
			bars.add(new Bar("S" + (i % 97) + ".SZ", start.plusSeconds(60L * i), new BigDecimal("7.350"),
					new BigDecimal("7.36"), new BigDecimal("7.3"), BigDecimal.valueOf(7000 + i, 3), i,
					new BigDecimal("8820.00")));
		}
		BarArrays arrays = BarArrays.of(bars);
		int length = 0;
		for (int i = 0; i < 8; i++) {
			length += arrays.literal(i).length();
		}
		assertThat(length).isGreaterThan(1_000_000);
		JdbcTemplate jdbc = new JdbcTemplate(this.tsl.dataSource());
		jdbc.execute("drop table if exists unnest_check");
		jdbc.execute("create temporary table unnest_check (symbol text, ts timestamptz, open numeric, high numeric, "
				+ "low numeric, close numeric, volume bigint, amount numeric)");

		int inserted = jdbc.execute((Connection connection) -> {
			try (PreparedStatement statement = connection
				.prepareStatement("insert into unnest_check select * from " + BarArrays.UNNEST)) {
				arrays.bind(statement, 1);
				return statement.executeUpdate();
			}
		});

		assertThat(inserted).isEqualTo(bars.size());
		assertThat(jdbc.queryForList("select open::text || ' ' || close::text || ' ' || amount::text || ' ' "
				+ "|| volume from unnest_check order by ts limit 2", String.class))
			.containsExactly("7.350 7.000 8820.00 0", "7.350 7.001 8820.00 1");
		assertThat(jdbc.queryForObject("select max(ts) from unnest_check", java.sql.Timestamp.class).toInstant())
			.isEqualTo(bars.get(bars.size() - 1).end());
	}

	@Test
	void takesAPipelinedBatchOfAThousandStatements() {
		JdbcTemplate jdbc = new JdbcTemplate(this.tsl.dataSource());
		jdbc.execute("drop table if exists batch_check");
		jdbc.execute("create temporary table batch_check (id integer, label text)");
		List<Object[]> rows = new ArrayList<>();
		for (int i = 0; i < 1_000; i++) {
			rows.add(new Object[] { i, "row " + i + " ".repeat(i % 50) });
		}

		int[] counts = jdbc.batchUpdate("insert into batch_check values (?, ?)", rows);

		assertThat(counts).hasSize(1_000);
		assertThat(jdbc.queryForObject("select count(*) || ' ' || sum(id) from batch_check", String.class))
			.isEqualTo("1000 499500");
	}

	@Test
	void refusesCopyFromStdinWithAnErrorTheSessionSurvives() throws SQLException {
		JdbcTemplate jdbc = new JdbcTemplate(this.tsl.dataSource());
		jdbc.execute("drop table if exists copy_check");
		jdbc.execute("create temporary table copy_check (id integer)");
		// The tests' one shared connection: closing it is suppressed.
		Connection connection = this.tsl.dataSource().getConnection();

		assertThatExceptionOfType(SQLException.class)
			.isThrownBy(() -> connection.unwrap(PGConnection.class)
				.getCopyAPI()
				.copyIn("copy copy_check from stdin", new ByteArrayInputStream("1\n".getBytes(StandardCharsets.UTF_8))))
			.satisfies((ex) -> assertThat(ex.getSQLState()).isEqualTo("0A000"))
			.withMessageContaining("COPY FROM STDIN is not supported");
		try (Statement statement = connection.createStatement()) {
			statement.execute("insert into copy_check values (1)");
		}
		assertThat(jdbc.queryForObject("select count(*) from copy_check", Integer.class)).isOne();
	}

}
