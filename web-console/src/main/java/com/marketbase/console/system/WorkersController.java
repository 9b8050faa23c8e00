package com.marketbase.console.system;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The remote workers: each with its host, process id, the name of its source credentials
 * (never a token), its heartbeat and its partitions.
 */
@RestController
@Tag(name = "System", description = "Warehouse, database and sources")
class WorkersController {

	private final ObjectProvider<WorkerFacts> facts;

	WorkersController(ObjectProvider<WorkerFacts> facts) {
		this.facts = facts;
	}

	@GetMapping("/api/workers")
	@Operation(summary = "Remote workers of the last day: host, pid, credential name, heartbeat, partitions")
	List<WorkerFacts.Worker> workers() {
		WorkerFacts known = this.facts.getIfAvailable();
		return (known != null) ? known.workers() : List.of();
	}

}
