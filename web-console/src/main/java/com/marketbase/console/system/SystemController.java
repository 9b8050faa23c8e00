package com.marketbase.console.system;

import java.util.List;

import com.marketbase.console.ConsoleSql;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The system page's facts.
 */
@RestController
@Tag(name = "System", description = "Warehouse, database and sources")
class SystemController {

	private final ObjectProvider<SystemFacts> facts;

	private final JdbcTemplate jdbc;

	SystemController(ObjectProvider<SystemFacts> facts, ConsoleSql sql) {
		this.facts = facts;
		this.jdbc = sql.jdbc();
	}

	@GetMapping("/api/system")
	@Operation(summary = "Warehouse mode, database version, sources with quotas and state")
	SystemView system() {
		String database = this.jdbc.queryForObject("select version()", String.class);
		SystemFacts known = this.facts.getIfAvailable();
		if (known == null) {
			return new SystemView("unknown", "unknown", database, "unknown", false, List.of());
		}
		return new SystemView(known.warehouseMode(), known.warehouse(), database, known.defaultSource(), known.demo(),
				known.sources());
	}

	/**
	 * The system page.
	 *
	 * @param warehouseMode plain, TimescaleDB Apache or TimescaleDB full
	 * @param warehouse the warehouse in one line
	 * @param database the database server's version string
	 * @param defaultSource the source of a launch that names none, for example
	 * {@code sandbox, synthetic data}
	 * @param demo whether the application runs in demo mode (the embedded warehouse and
	 * the sandbox, nothing configured)
	 * @param sources the source connectors
	 */
	record SystemView(String warehouseMode, String warehouse, String database, String defaultSource, boolean demo,
			List<SystemFacts.Source> sources) {
	}

}
