package com.marketbase.console.system;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The database section of the system page: the connection without its password, the
 * tables' sizes and compression, and a connection check.
 */
@RestController
@Tag(name = "System", description = "Warehouse, database and sources")
class DatabaseController {

	private final ObjectProvider<DatabaseFacts> facts;

	DatabaseController(ObjectProvider<DatabaseFacts> facts) {
		this.facts = facts;
	}

	@GetMapping("/api/system/database")
	@Operation(summary = "The warehouse connection (password hidden), mode, server, and every table's rows, bytes "
			+ "and compression")
	DatabaseFacts.Database database() {
		DatabaseFacts known = this.facts.getIfAvailable();
		return (known != null) ? known.database()
				: new DatabaseFacts.Database("unknown", "unknown", "unknown", List.of());
	}

	// A POST: it opens a connection and reads the database now, which a cached GET must
	// not stand in for.
	@PostMapping("/api/system/database/check")
	@Operation(summary = "Checks the connection now: server, schema migration and TimescaleDB license, or why it "
			+ "failed")
	DatabaseFacts.Check check() {
		DatabaseFacts known = this.facts.getIfAvailable();
		return (known != null) ? known.check()
				: new DatabaseFacts.Check(false, 0, "This console runs without a warehouse to check.", null, null);
	}

}
