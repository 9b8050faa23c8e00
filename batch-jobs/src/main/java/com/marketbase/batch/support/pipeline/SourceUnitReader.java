package com.marketbase.batch.support.pipeline;

import java.util.List;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.item.ItemStreamSupport;

/**
 * Walks a job's work units in order (an exchange, a listing status) and fetches each
 * through the source. The index of the next unit is saved with every committed chunk, so
 * a restart resumes after the last stored unit instead of fetching it again.
 *
 * @param <T> what one unit's fetch gives
 */
public class SourceUnitReader<T> extends ItemStreamSupport implements ItemStreamReader<T> {

	private static final String POSITION = "position";

	private final List<String> units;

	private final Function<String, T> fetch;

	private int position;

	/**
	 * A reader of units.
	 * @param name the name its position is saved under
	 * @param units the units, in order
	 * @param fetch reads one unit from the source
	 */
	public SourceUnitReader(String name, List<String> units, Function<String, T> fetch) {
		setName(name);
		this.units = List.copyOf(units);
		this.fetch = fetch;
	}

	@Override
	public void open(ExecutionContext context) {
		this.position = context.getInt(getExecutionContextKey(POSITION), 0);
	}

	@Override
	public @Nullable T read() {
		if (this.position >= this.units.size()) {
			return null;
		}
		T item = this.fetch.apply(this.units.get(this.position));
		this.position++;
		return item;
	}

	@Override
	public void update(ExecutionContext context) {
		context.putInt(getExecutionContextKey(POSITION), this.position);
	}

}
