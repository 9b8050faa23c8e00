package com.marketbase.batch.support.execution;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * How far the running load of this process has come: work units done of the total, rows
 * written and rejected, and the outcome of each unit's days. Partitions update it from
 * their threads; the command line's progress bar reads it.
 */
public final class LoadProgress {

	private final AtomicLong unitsTotal = new AtomicLong();

	private final AtomicLong unitsDone = new AtomicLong();

	private final AtomicLong rows = new AtomicLong();

	private final AtomicLong rejects = new AtomicLong();

	private final Map<String, AtomicLong> outcomes = new ConcurrentHashMap<>();

	private volatile long startedNanos = System.nanoTime();

	/**
	 * Starts counting a load.
	 * @param totalUnits the work units the load has to do
	 * @param alreadyDone the units done before, by earlier executions of the same job
	 * instance
	 */
	public void start(long totalUnits, long alreadyDone) {
		this.unitsTotal.set(totalUnits);
		this.unitsDone.set(alreadyDone);
		this.rows.set(0);
		this.rejects.set(0);
		this.outcomes.clear();
		this.startedNanos = System.nanoTime();
	}

	public void written(int units, long rowsWritten, int rowsRejected) {
		this.unitsDone.addAndGet(units);
		this.rows.addAndGet(rowsWritten);
		this.rejects.addAndGet(rowsRejected);
	}

	public void counted(String outcome) {
		this.outcomes.computeIfAbsent(outcome, (key) -> new AtomicLong()).incrementAndGet();
	}

	public Snapshot snapshot() {
		Map<String, Long> counts = new TreeMap<>();
		this.outcomes.forEach((outcome, count) -> counts.put(outcome, count.get()));
		return new Snapshot(this.unitsDone.get(), this.unitsTotal.get(), this.rows.get(), this.rejects.get(),
				Map.copyOf(counts), Duration.ofNanos(System.nanoTime() - this.startedNanos));
	}

	/**
	 * Progress at one moment.
	 *
	 * @param unitsDone work units written
	 * @param unitsTotal work units of the load
	 * @param rows rows written by this process
	 * @param rejects rows rejected by this process
	 * @param outcomes days by outcome (complete, partial, empty, failed)
	 * @param elapsed time since the load started in this process
	 */
	public record Snapshot(long unitsDone, long unitsTotal, long rows, long rejects, Map<String, Long> outcomes,
			Duration elapsed) {

		/**
		 * Rows written per second so far.
		 * @return the rate
		 */
		public double rowsPerSecond() {
			double seconds = Math.max(0.001, this.elapsed.toNanos() / 1e9);
			return this.rows / seconds;
		}

	}

	/**
	 * Runs a count once the current transaction commits, or at once outside one: a chunk
	 * rolled back was not done, so progress counts only what is committed.
	 * @param count what to count
	 */
	public static void afterCommit(Runnable count) {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					count.run();
				}
			});
		}
		else {
			count.run();
		}
	}

}
