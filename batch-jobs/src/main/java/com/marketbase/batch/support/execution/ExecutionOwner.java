package com.marketbase.batch.support.execution;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;

/**
 * Records which process runs an execution (host and process id in the job execution
 * context), so that an execution left STARTED by a process that died can be told from one
 * that still runs, and recovered before a restart.
 *
 * @param host the host name
 * @param pid the process id
 */
public record ExecutionOwner(String host, long pid) {

	// The executions this JVM started, for telling its own from a sibling's with the same
	// host and process id.
	private static final Set<Long> STARTED_HERE = ConcurrentHashMap.newKeySet();

	static final String KEY = "marketbase.owner";

	/**
	 * How long an execution of another host, whose process cannot be checked, may go
	 * without a step update before it counts as left by a dead process.
	 */
	public static final Duration SILENT_LIMIT = Duration.ofMinutes(10);

	/**
	 * This process.
	 * @return the owner that this process writes
	 */
	public static ExecutionOwner current() {
		String host;
		try {
			host = InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			host = "unknown";
		}
		return new ExecutionOwner(host, ProcessHandle.current().pid());
	}

	/**
	 * The owner recorded for an execution.
	 * @param execution the execution
	 * @return the owner, or {@code null} when none was recorded
	 */
	public static @Nullable ExecutionOwner of(JobExecution execution) {
		String owner = execution.getExecutionContext().getString(KEY, "");
		int colon = owner.lastIndexOf(':');
		return (colon > 0) ? new ExecutionOwner(owner.substring(0, colon), Long.parseLong(owner.substring(colon + 1)))
				: null;
	}

	/**
	 * Whether this owner is a process on this host that is gone.
	 * @return true when the process is known to be dead
	 */
	public boolean isDeadHere() {
		return this.host.equals(current().host()) && ProcessHandle.of(this.pid).map((p) -> !p.isAlive()).orElse(true);
	}

	/**
	 * Whether a running execution was left by a process that no longer runs: on this host
	 * its process is checked; an execution of another host (or without an owner) counts
	 * as dead once its steps have not been updated for {@link #SILENT_LIMIT}.
	 * @param owner the execution's owner, if recorded
	 * @param lastStepUpdate when a step of it was last updated, if ever
	 * @param now the moment to judge at
	 * @return true when its process is gone
	 */
	public static boolean leftByDeadProcess(@Nullable ExecutionOwner owner, @Nullable Instant lastStepUpdate,
			Instant now) {
		if (owner != null && owner.host().equals(current().host())) {
			return owner.isDeadHere();
		}
		return lastStepUpdate != null && lastStepUpdate.isBefore(now.minus(SILENT_LIMIT));
	}

	@Override
	public String toString() {
		return "process " + this.pid + " on " + this.host;
	}

	/**
	 * Whether this process started an execution: a process id is no name for a process
	 * where every container's first process is 1.
	 * @param executionId the execution
	 * @return whether this JVM ran it
	 */
	public static boolean startedHere(long executionId) {
		return STARTED_HERE.contains(executionId);
	}

	/**
	 * The listener every job registers to record its owner. It saves the owner at once: a
	 * restarted execution inherits its predecessor's context, and until its first step
	 * ends it would otherwise still name the dead process.
	 * @param repository the job repository
	 * @return the listener
	 */
	public static JobExecutionListener recorder(JobRepository repository) {
		return new JobExecutionListener() {
			@Override
			public void beforeJob(JobExecution execution) {
				STARTED_HERE.add(execution.getId());
				ExecutionOwner owner = current();
				execution.getExecutionContext().putString(KEY, owner.host() + ":" + owner.pid());
				repository.updateExecutionContext(execution);
			}

			// A failed execution's exit description starts with its cause in words.
			@Override
			public void afterJob(JobExecution execution) {
				if (!execution.getAllFailureExceptions().isEmpty()) {
					execution.setExitStatus(FailureCause.describe(execution));
				}
			}
		};
	}

}
