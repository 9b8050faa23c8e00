package com.marketbase.batch.serve;

import java.util.List;

import com.marketbase.batch.support.remote.WorkerRegistry;
import com.marketbase.batch.support.remote.WorkersProperties;
import com.marketbase.console.system.WorkerFacts;

import org.springframework.stereotype.Component;

/**
 * The remote workers as the console shows them: the same record the command line's
 * {@code workers} reads, judged by the same heartbeat timeout.
 */
@Component
class ConsoleWorkers implements WorkerFacts {

	private final WorkerRegistry registry;

	private final WorkersProperties properties;

	ConsoleWorkers(WorkerRegistry registry, WorkersProperties properties) {
		this.registry = registry;
		this.properties = properties;
	}

	@Override
	public List<Worker> workers() {
		return this.registry.workers(this.properties.heartbeatTimeout())
			.stream()
			.map((view) -> new Worker(view.host(), view.pid(), view.credential(), view.concurrency(), view.startedAt(),
					view.heartbeatAt(), view.state(), view.heartbeatAgeSeconds(), view.running(), view.done()))
			.toList();
	}

}
