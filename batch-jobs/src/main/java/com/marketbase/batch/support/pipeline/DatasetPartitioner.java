package com.marketbase.batch.support.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Deals a run's fetches out to its partitions, one by one in turn, so that the whole days
 * (first in the plan) and the instruments spread over every partition. A local run has
 * one partition, which reads the plan in its order; a remote one as many as the workers
 * are given, so that a late worker still finds some. Each partition keeps its share in
 * its own context: a restart runs the unfinished partitions on the share they had, and
 * the checkpoint audit adds to a share what must be read again.
 */
final class DatasetPartitioner implements Partitioner {

	/** A partition's fetches, encoded as {@link Fetch#encode(List)} does. */
	static final String SHARE = "datasetPartition.fetches";

	private final List<Fetch> plan;

	DatasetPartitioner(List<Fetch> plan) {
		this.plan = List.copyOf(plan);
	}

	@Override
	public Map<String, ExecutionContext> partition(int gridSize) {
		// The same names for the same plan and grid: a restart finds its partitions by
		// them.
		int partitions = Math.max(1, Math.min(gridSize, this.plan.size()));
		List<List<Fetch>> shares = new ArrayList<>();
		for (int i = 0; i < partitions; i++) {
			shares.add(new ArrayList<>());
		}
		for (int i = 0; i < this.plan.size(); i++) {
			shares.get(i % partitions).add(this.plan.get(i));
		}
		Map<String, ExecutionContext> result = new LinkedHashMap<>();
		for (int i = 0; i < partitions; i++) {
			ExecutionContext context = new ExecutionContext();
			context.putString(SHARE, Fetch.encode(shares.get(i)));
			result.put("partition" + i, context);
		}
		return result;
	}

	/**
	 * The fetches of a partition.
	 * @param partition the partition's step execution context
	 * @return its fetches, in the order its reader walks them
	 */
	static List<Fetch> share(ExecutionContext partition) {
		return Fetch.decode(partition.getString(SHARE, ""));
	}

}
