package com.marketbase.batch.support.launch;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import javax.sql.DataSource;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The work of a load job that records its units in {@code market.load_units} under a load
 * batch: every process running it writes them at each chunk commit, so progress and units
 * read from there are the same whichever process asks. The job keeps its load batch and
 * the number of units it planned in the job execution context.
 */
public final class LoadBatchWork implements JobWork {

	private static final List<String> STATUSES = List.of("complete", "partial", "suspended", "empty", "failed");

	private final JdbcTemplate jdbc;

	private final String batchKey;

	private final String plannedKey;

	private final Predicate<String> waitingForQuota;

	/**
	 * The work of one job.
	 * @param dataSource the warehouse
	 * @param batchKey where the job keeps its load batch
	 * @param plannedKey where the job keeps the number of units it planned
	 * @param waitingForQuota whether a source (by key) is holding calls back for its
	 * quota
	 */
	public LoadBatchWork(DataSource dataSource, String batchKey, String plannedKey, Predicate<String> waitingForQuota) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.batchKey = batchKey;
		this.plannedKey = plannedKey;
		this.waitingForQuota = waitingForQuota;
	}

	@Override
	public Optional<Progress> progress(JobExecution execution) {
		ExecutionContext job = execution.getExecutionContext();
		if (!job.containsKey(this.batchKey)) {
			return Optional.empty();
		}
		long total = job.getLong(this.plannedKey, 0);
		long batch = job.getLong(this.batchKey);
		Map<String, Object> counts = this.jdbc.queryForMap("""
				select count(*) filter (where status <> 'failed') as done,
					count(*) filter (where status <> 'failed' and job_execution_id = ?) as done_here,
					coalesce(sum(rows_loaded) filter (where job_execution_id = ?), 0) as rows_here,
					max(updated_at) filter (where job_execution_id = ?) as last_here
				from market.load_units where load_batch_id = ?""", execution.getId(), execution.getId(),
				execution.getId(), batch);
		long done = ((Number) counts.get("done")).longValue();
		long doneHere = ((Number) counts.get("done_here")).longValue();
		long rows = ((Number) counts.get("rows_here")).longValue();
		LocalDateTime start = execution.getStartTime();
		LocalDateTime end = execution.isRunning() ? LocalDateTime.now() : execution.getEndTime();
		if (end == null && counts.get("last_here") instanceof Timestamp last) {
			end = last.toLocalDateTime();
		}
		double seconds = (start != null && end != null) ? Math.max(0.001, Duration.between(start, end).toMillis() / 1e3)
				: 0;
		double rate = (seconds > 0) ? rows / seconds : 0;
		Duration eta = null;
		if (execution.isRunning() && doneHere > 0 && total > done) {
			eta = Duration.ofMillis((long) (seconds * 1000 * (total - done) / doneHere));
		}
		return Optional.of(new Progress(Math.min(done, total), total, rows, rate, eta));
	}

	@Override
	public Units units(JobExecution execution) {
		ExecutionContext job = execution.getExecutionContext();
		if (!job.containsKey(this.batchKey)) {
			return Units.none();
		}
		long batch = job.getLong(this.batchKey);
		long total = job.getLong(this.plannedKey, 0);
		Map<String, Long> counts = new LinkedHashMap<>();
		STATUSES.forEach((status) -> counts.put(status, 0L));
		this.jdbc.query("select status, count(*) from market.load_units where load_batch_id = ? group by status",
				(rs) -> {
					counts.put(rs.getString(1), rs.getLong(2));
				}, batch);
		long recorded = counts.values().stream().mapToLong(Long::longValue).sum();
		long pending = Math.max(0, total - recorded);
		String source = execution.getJobParameters().getString("source");
		boolean waiting = execution.isRunning() && pending > 0 && source != null && this.waitingForQuota.test(source);
		counts.put(waiting ? "waiting for quota" : "pending", pending);
		List<FailedUnit> failed = this.jdbc.query(
				"select symbol, trade_date, reason from market.load_units where load_batch_id = ? "
						+ "and status = 'failed' order by symbol, trade_date limit " + FAILED_SHOWN,
				(rs, row) -> new FailedUnit(rs.getString(1), rs.getObject(2, LocalDate.class), rs.getString(3)), batch);
		return new Units(counts, failed);
	}

}
