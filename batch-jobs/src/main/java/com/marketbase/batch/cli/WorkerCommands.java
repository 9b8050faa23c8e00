package com.marketbase.batch.cli;

import java.time.format.DateTimeFormatter;
import java.util.List;

import com.marketbase.batch.support.remote.PartitionWorker;
import com.marketbase.batch.support.remote.WorkerRegistry;
import com.marketbase.batch.support.remote.WorkersProperties;

/**
 * {@code worker [--concurrency N]} runs this process as a remote worker until it is
 * stopped; {@code workers [executionId]} shows the workers, or where an execution's
 * partitions ran.
 */
final class WorkerCommands {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	private final PartitionWorker worker;

	private final WorkerRegistry registry;

	private final WorkersProperties properties;

	private final Console console;

	WorkerCommands(PartitionWorker worker, WorkerRegistry registry, WorkersProperties properties, Console console) {
		this.worker = worker;
		this.registry = registry;
		this.properties = properties;
		this.console = console;
	}

	int worker(List<String> args) {
		int concurrency;
		try {
			concurrency = Integer.parseInt(CommandLine.option(args, "concurrency", "1"));
		}
		catch (NumberFormatException ex) {
			this.console.refuse("--concurrency takes a whole number of partitions at once.");
			return JobCommands.EXIT_REFUSED;
		}
		try {
			this.console.say(this.worker.start(concurrency));
		}
		catch (IllegalArgumentException ex) {
			this.console.refuse(ex.getMessage());
			return JobCommands.EXIT_REFUSED;
		}
		catch (IllegalStateException ex) {
			this.console.refuse(ex.getMessage());
			return JobCommands.EXIT_NOT_COMPLETED;
		}
		try {
			this.worker.awaitStop();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return JobCommands.EXIT_COMPLETED;
	}

	int workers(List<String> args) {
		if (!args.isEmpty()) {
			String id = args.get(0);
			if (!id.matches("\\d{1,18}")) {
				this.console
					.refuse("workers takes an execution id, a whole number as 'list' shows it, not '" + id + "'.");
				return JobCommands.EXIT_REFUSED;
			}
			List<WorkerRegistry.Placement> placements = this.registry.placements(Long.parseLong(id));
			if (placements.isEmpty()) {
				this.console.say("No partition of execution " + id + " ran on a remote worker.");
				return JobCommands.EXIT_COMPLETED;
			}
			this.console
				.say(String.format("%-36s %-24s %8s %-16s %s", "partition", "host", "pid", "credential", "status"));
			placements
				.forEach((placement) -> this.console.say(String.format("%-36s %-24s %8d %-16s %s", placement.stepName(),
						placement.host(), placement.pid(), placement.credential(), placement.status())));
			return JobCommands.EXIT_COMPLETED;
		}
		List<WorkerRegistry.WorkerView> workers = this.registry.workers(this.properties.heartbeatTimeout());
		if (workers.isEmpty()) {
			this.console.say("No worker has run within the last day. Start one with: java -jar batch.jar worker "
					+ "[--concurrency N]");
			return JobCommands.EXIT_COMPLETED;
		}
		this.console.say(String.format("%-24s %8s %-16s %-7s %-19s %-19s %7s %5s", "host", "pid", "credential", "state",
				"started", "heartbeat", "running", "done"));
		workers.forEach((view) -> this.console
			.say(String.format("%-24s %8d %-16s %-7s %-19s %-19s %7d %5d", view.host(), view.pid(), view.credential(),
					view.state(), TIME.format(view.startedAt().atZoneSameInstant(java.time.ZoneId.systemDefault())),
					TIME.format(view.heartbeatAt().atZoneSameInstant(java.time.ZoneId.systemDefault())), view.running(),
					view.done())));
		return JobCommands.EXIT_COMPLETED;
	}

}
