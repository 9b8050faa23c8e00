package com.marketbase.batch.job.minute1m;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.item.ItemStreamSupport;

/**
 * Walks a partition's work units in order, fetching each through the source. Its position
 * is the index of the next unit; it is saved with every committed chunk, so a restart
 * resumes after the last committed unit and no completed unit is fetched again.
 */
class MinuteUnitReader extends ItemStreamSupport implements ItemStreamReader<FetchedUnit> {

	private static final String POSITION = "position";

	private final List<MinuteUnit> units;

	private final MinuteBarFeed feed;

	private int position;

	MinuteUnitReader(List<MinuteUnit> units, MinuteBarFeed feed) {
		this.units = List.copyOf(units);
		this.feed = feed;
		setName("minuteUnits");
	}

	@Override
	public void open(ExecutionContext context) {
		this.position = context.getInt(getExecutionContextKey(POSITION), 0);
	}

	@Override
	public @Nullable FetchedUnit read() {
		if (this.position >= this.units.size()) {
			return null;
		}
		MinuteUnit unit = this.units.get(this.position++);
		return this.feed.fetch(unit);
	}

	@Override
	public void update(ExecutionContext context) {
		context.putInt(getExecutionContextKey(POSITION), this.position);
	}

	int remaining() {
		return this.units.size() - this.position;
	}

}
