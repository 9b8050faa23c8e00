package com.marketbase.batch.support.pipeline;

import java.util.List;
import java.util.function.Consumer;

import com.marketbase.batch.support.rows.Fetched;
import com.marketbase.batch.support.rows.RejectedRowStore;

import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Stores what a source call returned in the chunk's transaction: the accepted items
 * through the job's own store, the rejected rows with their reasons under the run's load
 * batch. The rows it stored are counted in the step's context, for the job's progress.
 *
 * @param <T> the item type
 */
public final class FetchedItemWriter<T> implements ItemWriter<Fetched<T>> {

	/** Where a step counts the rows it stored. */
	static final String ROWS = "rows";

	private final Consumer<List<T>> store;

	private final RejectedRowStore rejected;

	private final StepExecution step;

	public FetchedItemWriter(Consumer<List<T>> store, RejectedRowStore rejected, StepExecution step) {
		this.store = store;
		this.rejected = rejected;
		this.step = step;
	}

	@Override
	public void write(Chunk<? extends Fetched<T>> chunk) {
		long batch = SourceUnitJobs.loadBatch(this.step.getJobExecution());
		for (Fetched<T> fetched : chunk) {
			this.store.accept(fetched.items());
			this.rejected.store(fetched.rejected(), batch);
			this.step.getExecutionContext()
				.putLong(ROWS, this.step.getExecutionContext().getLong(ROWS, 0) + fetched.items().size());
		}
	}

}
