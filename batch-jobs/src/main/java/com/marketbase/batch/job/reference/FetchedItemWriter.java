package com.marketbase.batch.job.reference;

import java.util.List;
import java.util.function.Consumer;

import com.marketbase.batch.source.Fetched;

import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Stores what a source call returned in the chunk's transaction: the accepted items
 * through the job's own store, the rejected rows with their reasons.
 *
 * @param <T> the item type
 */
public final class FetchedItemWriter<T> implements ItemWriter<Fetched<T>> {

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
		for (Fetched<T> fetched : chunk) {
			this.store.accept(fetched.items());
			this.rejected.store(fetched.rejected(), this.step);
		}
	}

}
