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
 * are given, so that a late worker still finds some. A partition keeps in its own context
 * only which share of the plan is its (the plan stays in the job's context, written once)
 * and the fetches the checkpoint audit gave it to read again: a restart runs the
 * unfinished partitions on the share they had.
 */
final class DatasetPartitioner implements Partitioner {

	static final String INDEX = "datasetPartition.index";

	static final String OF = "datasetPartition.of";

	/** Fetches read again after the share, encoded as {@link Fetch#encode(List)} does. */
	static final String AGAIN = "datasetPartition.again";

	/**
	 * Where the partition of an execution prepared before loads were partitioned resumes:
	 * the position its load step had saved.
	 */
	static final String RESUME_AT = "datasetPartition.resumeAt";

	private final List<Fetch> plan;

	private final int resumeAt;

	DatasetPartitioner(List<Fetch> plan, int resumeAt) {
		this.plan = List.copyOf(plan);
		this.resumeAt = resumeAt;
	}

	@Override
	public Map<String, ExecutionContext> partition(int gridSize) {
		// The same names for the same plan and grid: a restart finds its partitions by
		// them.
		int partitions = Math.max(1, Math.min(gridSize, this.plan.size()));
		Map<String, ExecutionContext> result = new LinkedHashMap<>();
		for (int i = 0; i < partitions; i++) {
			ExecutionContext context = new ExecutionContext();
			context.putInt(INDEX, i);
			context.putInt(OF, partitions);
			if (partitions == 1 && this.resumeAt > 0) {
				context.putInt(FetchReader.POSITION_KEY, this.resumeAt);
			}
			result.put("partition" + i, context);
		}
		return result;
	}

	/**
	 * The fetches of a partition.
	 * @param plan the run's plan
	 * @param partition the partition's step execution context
	 * @return its fetches, in the order its reader walks them
	 */
	static List<Fetch> share(List<Fetch> plan, ExecutionContext partition) {
		int index = partition.getInt(INDEX, 0);
		int of = Math.max(1, partition.getInt(OF, 1));
		List<Fetch> share = new ArrayList<>();
		for (int i = index; i < plan.size(); i += of) {
			share.add(plan.get(i));
		}
		share.addAll(Fetch.decode(partition.getString(AGAIN, "")));
		return share;
	}

}
