package com.marketbase.console.system;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * The remote workers as the warehouse records them, provided by the application that runs
 * them.
 */
public interface WorkerFacts {

	/**
	 * The workers that heart-beat within the last day, newest first.
	 * @return the workers
	 */
	List<Worker> workers();

	/**
	 * A remote worker.
	 *
	 * @param host its host
	 * @param pid its process id
	 * @param credential the name of its source credentials, never a token
	 * @param concurrency partitions it runs at once
	 * @param startedAt when it started
	 * @param heartbeatAt its last heartbeat
	 * @param state {@code alive}, {@code silent} (its heartbeat is late) or
	 * {@code stopped}
	 * @param heartbeatAgeSeconds seconds since its last heartbeat
	 * @param running partitions it runs now
	 * @param done partitions it finished
	 */
	record Worker(String host, long pid, String credential, int concurrency, OffsetDateTime startedAt,
			OffsetDateTime heartbeatAt, String state, long heartbeatAgeSeconds, int running, int done) {
	}

}
