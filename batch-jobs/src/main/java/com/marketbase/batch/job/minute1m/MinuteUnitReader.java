package com.marketbase.batch.job.minute1m;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.item.ItemStreamSupport;

/**
 * Walks a partition's work units in order, fetching each through the source.
 * <p>
 * Its cursor is saved with every committed chunk: the index of the next unit, and the
 * units that failed so far. A restart resumes after the last committed unit, so no
 * completed unit is fetched again, and first retries the units that failed. A partition
 * that ends with failed units ends FAILED, so that its job can be restarted to fetch just
 * those. Units quarantined meanwhile (keys {@code symbol/day}, looked up when a partition
 * opens) are not retried: a restart of an incremental run that failed on them can then
 * complete, as the next run would.
 */
class MinuteUnitReader extends ItemStreamSupport implements ItemStreamReader<FetchedUnit>, StepExecutionListener {

	// The name its keys are saved under.
	private static final String NAME = "minuteUnits";

	private static final String POSITION = "position";

	private static final String RETRY = "retry";

	private static final String RETRY_POSITION = "retry.position";

	private static final String FAILED = "failed";

	private final List<MinuteUnit> units;

	private final MinuteBarFeed feed;

	private final Supplier<Set<String>> quarantined;

	private List<MinuteUnit> retries = List.of();

	private final List<MinuteUnit> failed = new ArrayList<>();

	private int position;

	private int retryPosition;

	MinuteUnitReader(List<MinuteUnit> units, MinuteBarFeed feed) {
		this(units, feed, Set::of);
	}

	MinuteUnitReader(List<MinuteUnit> units, MinuteBarFeed feed, Supplier<Set<String>> quarantined) {
		this.units = List.copyOf(units);
		this.feed = feed;
		this.quarantined = quarantined;
		setName(NAME);
	}

	@Override
	public void open(ExecutionContext context) {
		this.position = context.getInt(getExecutionContextKey(POSITION), 0);
		this.failed.clear();
		if (context.containsKey(getExecutionContextKey(RETRY))) {
			// Resuming an execution that stopped while retrying: the retries done keep
			// their places, those still to do and the failures go through the
			// quarantine.
			List<MinuteUnit> retrying = decode(context.getString(getExecutionContextKey(RETRY)));
			this.retryPosition = Math.min(retrying.size(), context.getInt(getExecutionContextKey(RETRY_POSITION), 0));
			List<MinuteUnit> retries = new ArrayList<>(retrying.subList(0, this.retryPosition));
			retries.addAll(leaveOut(retrying.subList(this.retryPosition, retrying.size())));
			this.retries = retries;
			this.failed.addAll(leaveOut(decode(context.getString(getExecutionContextKey(FAILED), ""))));
		}
		else {
			// Failures of an earlier execution are retried first, less what has been
			// quarantined since.
			this.retries = leaveOut(decode(context.getString(getExecutionContextKey(FAILED), "")));
			this.retryPosition = 0;
		}
	}

	@Override
	public @Nullable FetchedUnit read() {
		MinuteUnit unit;
		if (this.retryPosition < this.retries.size()) {
			unit = this.retries.get(this.retryPosition++);
		}
		else if (this.position < this.units.size()) {
			unit = this.units.get(this.position++);
		}
		else {
			return null;
		}
		FetchedUnit fetched = this.feed.fetch(unit);
		if (fetched.failure() != null) {
			this.failed.add(unit);
		}
		return fetched;
	}

	@Override
	public void update(ExecutionContext context) {
		context.putInt(getExecutionContextKey(POSITION), this.position);
		context.putString(getExecutionContextKey(RETRY), encode(this.retries));
		context.putInt(getExecutionContextKey(RETRY_POSITION), this.retryPosition);
		context.putString(getExecutionContextKey(FAILED), encode(this.failed));
	}

	@Override
	public void close() {
		this.retries = List.of();
	}

	@Override
	public @Nullable ExitStatus afterStep(StepExecution stepExecution) {
		// The next execution starts from the failures alone. Whatever this one committed
		// last
		// is the truth (an uncommitted chunk was rolled back): the units that failed, and
		// the
		// retries it did not reach, stay due.
		ExecutionContext context = stepExecution.getExecutionContext();
		List<MinuteUnit> due = new ArrayList<>(decode(context.getString(getExecutionContextKey(FAILED), "")));
		List<MinuteUnit> retrying = decode(context.getString(getExecutionContextKey(RETRY), ""));
		due.addAll(retrying.subList(
				Math.min(retrying.size(), context.getInt(getExecutionContextKey(RETRY_POSITION), 0)), retrying.size()));
		context.putString(getExecutionContextKey(FAILED), encode(due));
		context.remove(getExecutionContextKey(RETRY));
		context.remove(getExecutionContextKey(RETRY_POSITION));
		if (due.isEmpty() || stepExecution.getStatus() != BatchStatus.COMPLETED) {
			return null;
		}
		stepExecution.setStatus(BatchStatus.FAILED);
		return new ExitStatus(ExitStatus.FAILED.getExitCode(),
				due.size() + " work unit(s) could not be read: "
						+ due.stream().limit(5).map(MinuteUnit::toString).collect(Collectors.joining(", "))
						+ ((due.size() > 5) ? ", ..." : "") + "; restart the execution to retry them");
	}

	/**
	 * The units a partition's committed checkpoint counts as read: those before its
	 * position and the retries done, less the ones that failed.
	 * @param units the partition's units, as its reader has them
	 * @param context the partition's step execution context, as committed
	 * @return the units read, in order
	 */
	static List<MinuteUnit> read(List<MinuteUnit> units, ExecutionContext context) {
		List<MinuteUnit> failed = decode(context.getString(key(FAILED), ""));
		List<MinuteUnit> read = new ArrayList<>(
				units.subList(0, Math.min(units.size(), context.getInt(key(POSITION), 0))));
		List<MinuteUnit> retrying = decode(context.getString(key(RETRY), ""));
		read.addAll(retrying.subList(0, Math.min(retrying.size(), context.getInt(key(RETRY_POSITION), 0))));
		read.removeAll(new HashSet<>(failed));
		// A unit that failed in its place and was retried since is in both lists.
		return List.copyOf(new LinkedHashSet<>(read));
	}

	/**
	 * Puts units back on a partition's checkpoint, so that its next execution reads them
	 * first.
	 * @param context the partition's step execution context
	 * @param units the units to read again
	 */
	static void requeue(ExecutionContext context, List<MinuteUnit> units) {
		// An execution that stopped while retrying resumes its retries; any other starts
		// with its failures.
		String list = context.containsKey(key(RETRY)) ? RETRY : FAILED;
		List<MinuteUnit> due = new ArrayList<>(decode(context.getString(key(list), "")));
		due.addAll(units);
		context.putString(key(list), encode(due));
	}

	private static String key(String key) {
		return NAME + "." + key;
	}

	private List<MinuteUnit> leaveOut(List<MinuteUnit> due) {
		if (due.isEmpty()) {
			return due;
		}
		Set<String> quarantined = this.quarantined.get();
		if (quarantined.isEmpty()) {
			return due;
		}
		List<MinuteUnit> kept = new ArrayList<>();
		for (MinuteUnit unit : due) {
			kept.addAll(MinuteUnit.plan(List.of(unit.symbol()), unit.days(), unit.days().size(), quarantined));
		}
		return kept;
	}

	// symbol:day,day;symbol:day
	static String encode(List<MinuteUnit> units) {
		return units.stream()
			.map((unit) -> unit.symbol() + ":"
					+ unit.days().stream().map(LocalDate::toString).collect(Collectors.joining(",")))
			.collect(Collectors.joining(";"));
	}

	static List<MinuteUnit> decode(String encoded) {
		if (encoded.isBlank()) {
			return List.of();
		}
		return Arrays.stream(encoded.split(";")).map((unit) -> {
			int colon = unit.indexOf(':');
			List<LocalDate> days = Arrays.stream(unit.substring(colon + 1).split(",")).map(LocalDate::parse).toList();
			return new MinuteUnit(unit.substring(0, colon), days);
		}).toList();
	}

}
