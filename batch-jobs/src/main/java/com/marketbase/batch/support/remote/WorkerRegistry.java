package com.marketbase.batch.support.remote;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

import javax.sql.DataSource;

import com.marketbase.batch.support.execution.FailureCause;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The warehouse's record of worker processes and of the partitions they took. Times are
 * the database's own, so that machines whose clocks disagree still agree on whose
 * heartbeat is late.
 */
public final class WorkerRegistry {

	private final JdbcTemplate jdbc;

	public WorkerRegistry(DataSource dataSource) {
		this.jdbc = new JdbcTemplate(dataSource);
	}

	void register(String workerId, String host, long pid, String credential, int concurrency) {
		this.jdbc.update("insert into market.workers (worker_id, host, pid, credential, concurrency) "
				+ "values (?, ?, ?, ?, ?)", workerId, host, pid, credential, concurrency);
	}

	void heartbeat(String workerId) {
		this.jdbc.update("update market.workers set heartbeat_at = now() where worker_id = ?", workerId);
	}

	void stopped(String workerId) {
		this.jdbc.update("update market.workers set stopped_at = now(), heartbeat_at = now() where worker_id = ?",
				workerId);
	}

	/**
	 * Takes a partition for a worker, unless another request for it was taken already.
	 * @return whether this worker may run it
	 */
	boolean claim(long stepExecutionId, long jobExecutionId, String stepName, String workerId) {
		return this.jdbc.update(
				"insert into market.remote_partitions (step_execution_id, job_execution_id, "
						+ "step_name, worker_id) values (?, ?, ?, ?) on conflict (step_execution_id) do nothing",
				stepExecutionId, jobExecutionId, stepName, workerId) == 1;
	}

	@Nullable String claimant(long stepExecutionId) {
		List<String> found = this.jdbc.queryForList(
				"select worker_id from market.remote_partitions where step_execution_id = ?", String.class,
				stepExecutionId);
		return found.isEmpty() ? null : found.get(0);
	}

	/**
	 * How many of an execution's partitions have ended in the job repository but not yet
	 * been recorded as ended by a worker still alive: the worker is still writing why.
	 */
	int endsUnrecorded(long jobExecutionId, Duration timeout) {
		Integer count = this.jdbc.queryForObject("""
				select count(*) from market.remote_partitions p join market.workers w on w.worker_id = p.worker_id
				where p.job_execution_id = ? and p.ended_at is null and w.stopped_at is null
				  and w.heartbeat_at > now() - make_interval(secs => ?)""", Integer.class, jobExecutionId,
				timeout.toMillis() / 1000.0);
		return (count != null) ? count : 0;
	}

	void finished(long stepExecutionId, String status) {
		this.jdbc.update("update market.remote_partitions set ended_at = now(), status = ? where step_execution_id = ?",
				status, stepExecutionId);
	}

	/**
	 * The partitions of a job execution still running on a worker that stopped or whose
	 * heartbeat is late.
	 */
	List<Orphan> orphans(long jobExecutionId, Duration timeout) {
		return this.jdbc.query("""
				select p.step_execution_id, s.step_name, w.host, w.pid, w.credential, w.heartbeat_at,
				       w.stopped_at is not null
				from market.remote_partitions p
				join market.workers w on w.worker_id = p.worker_id
				join batch_step_execution s on s.step_execution_id = p.step_execution_id
				where p.job_execution_id = ? and p.ended_at is null and s.status in ('STARTING', 'STARTED')
				  and (w.stopped_at is not null or w.heartbeat_at < now() - make_interval(secs => ?))
				""",
				(rs, row) -> new Orphan(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5),
						rs.getObject(6, OffsetDateTime.class), rs.getBoolean(7)),
				jobExecutionId, timeout.toMillis() / 1000.0);
	}

	/**
	 * Where the partitions of a job execution ran.
	 * @return partition step name to worker (host, pid, credential)
	 */
	public List<Placement> placements(long jobExecutionId) {
		return this.jdbc.query("""
				select s.step_name, w.host, w.pid, w.credential, coalesce(p.status, 'running')
				from market.remote_partitions p
				join market.workers w on w.worker_id = p.worker_id
				join batch_step_execution s on s.step_execution_id = p.step_execution_id
				where p.job_execution_id = ? order by s.step_name
				""", (rs, row) -> new Placement(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4),
				rs.getString(5)), jobExecutionId);
	}

	/**
	 * The workers that heart-beat within the last day (the 200 newest).
	 * @param timeout after how long a silent worker counts as gone
	 * @return the workers, newest first
	 */
	public List<WorkerView> workers(Duration timeout) {
		return this.jdbc.query("""
				select w.worker_id, w.host, w.pid, w.credential, w.concurrency, w.started_at, w.heartbeat_at,
				       case when w.stopped_at is not null then 'stopped'
				            when w.heartbeat_at < now() - make_interval(secs => ?) then 'silent'
				            else 'alive' end,
				       extract(epoch from now() - w.heartbeat_at)::bigint,
				       count(p.step_execution_id) filter (where p.ended_at is null),
				       count(p.step_execution_id) filter (where p.ended_at is not null)
				from market.workers w
				left join market.remote_partitions p on p.worker_id = w.worker_id
				where w.heartbeat_at > now() - interval '1 day'
				group by w.worker_id order by w.started_at desc limit 200
				""",
				(rs, row) -> new WorkerView(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4),
						rs.getInt(5), rs.getObject(6, OffsetDateTime.class), rs.getObject(7, OffsetDateTime.class),
						rs.getString(8), rs.getLong(9), rs.getInt(10), rs.getInt(11)),
				timeout.toMillis() / 1000.0);
	}

	/** A partition left running by a worker that is gone. */
	record Orphan(long stepExecutionId, String stepName, String host, long pid, String credential,
			OffsetDateTime heartbeatAt, boolean stopped) {

		String why() {
			return "partition " + this.stepName + " was running on the worker " + this.host + " pid " + this.pid
					+ " (credential " + this.credential + "), which "
					+ (this.stopped ? "stopped at " : "stopped heart-beating at ") + this.heartbeatAt
					+ "; restart the execution to run it again";
		}

	}

	/**
	 * Where a partition ran.
	 *
	 * @param stepName the partition's step, for example
	 * {@code minute_1m.load.worker:partition3}
	 * @param host the worker's host
	 * @param pid the worker's process id
	 * @param credential the worker's credential name
	 * @param status the partition's outcome, or {@code running}
	 */
	public record Placement(String stepName, String host, long pid, String credential, String status) {
	}

	/**
	 * A worker as the console and {@code workers} show it.
	 *
	 * @param workerId the worker's id
	 * @param host its host
	 * @param pid its process id
	 * @param credential the name of its source credentials
	 * @param concurrency how many partitions it runs at once
	 * @param startedAt when it started
	 * @param heartbeatAt its last heartbeat
	 * @param state {@code alive}, {@code silent} (heartbeat late) or {@code stopped}
	 * @param heartbeatAgeSeconds seconds since its last heartbeat, by the database's
	 * clock
	 * @param running partitions it runs now
	 * @param done partitions it finished
	 */
	public record WorkerView(String workerId, String host, long pid, String credential, int concurrency,
			OffsetDateTime startedAt, OffsetDateTime heartbeatAt, String state, long heartbeatAgeSeconds, int running,
			int done) {
	}

	/**
	 * Why a failed execution's partitions failed, as their step executions in the job
	 * repository say it: the launching process of a remote load has the partitions'
	 * descriptions, not their exceptions. A partition may have failed for a reason of its
	 * own (a remote worker that stopped heart-beating, a remote load past its timeout) or
	 * with one of Marketbase's exceptions, whose sentence is meant for a person; the
	 * framework's own failures say nothing a person can act on and are left out.
	 * @param jobExecutionId the execution
	 * @param partitions the partitions' step names before {@code :partitionN}
	 * @return the first reason, with how many partitions failed besides, or {@code null}
	 */
	public @Nullable String partitionFailures(long jobExecutionId, String partitions) {
		List<String> reasons = this.jdbc.query("""
				select s.exit_message, w.host, w.pid, w.credential from batch_step_execution s
				left join market.remote_partitions p on p.step_execution_id = s.step_execution_id
				left join market.workers w on w.worker_id = p.worker_id
				where s.job_execution_id = ? and s.step_name like ? and s.status = 'FAILED' order by s.step_name""",
				(rs, row) -> {
					String reason = FailureCause.sentence(rs.getString(1));
					if (reason == null || reason.startsWith("partition ") || rs.getString(2) == null) {
						return reason;
					}
					// Which worker's credentials a source refused, say.
					return reason + " (on the worker " + rs.getString(2) + " pid " + rs.getLong(3) + ", credential "
							+ rs.getString(4) + ")";
				}, jobExecutionId, partitions + ":%")
			.stream()
			.filter(java.util.Objects::nonNull)
			.toList();
		if (reasons.isEmpty()) {
			return null;
		}
		return reasons.get(0) + ((reasons.size() > 1) ? " (and " + (reasons.size() - 1) + " more partitions)" : "");
	}

}
