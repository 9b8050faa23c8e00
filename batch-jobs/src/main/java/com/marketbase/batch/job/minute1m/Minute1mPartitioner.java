package com.marketbase.batch.job.minute1m;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Deals the symbols round-robin into partitions, so that each partition gets a similar
 * share of every exchange. Each partition's symbols stay in its step execution context,
 * which a restart reuses.
 */
class Minute1mPartitioner implements Partitioner {

	static final String SYMBOLS = "symbols";

	private final List<String> symbols;

	Minute1mPartitioner(List<String> symbols) {
		this.symbols = List.copyOf(symbols);
	}

	@Override
	public Map<String, ExecutionContext> partition(int gridSize) {
		int partitions = Math.max(1, Math.min(gridSize, this.symbols.size()));
		List<List<String>> dealt = new ArrayList<>();
		for (int i = 0; i < partitions; i++) {
			dealt.add(new ArrayList<>());
		}
		for (int i = 0; i < this.symbols.size(); i++) {
			dealt.get(i % partitions).add(this.symbols.get(i));
		}
		Map<String, ExecutionContext> result = new LinkedHashMap<>();
		for (int i = 0; i < partitions; i++) {
			ExecutionContext context = new ExecutionContext();
			context.putString(SYMBOLS, String.join(",", dealt.get(i)));
			result.put("partition" + i, context);
		}
		return result;
	}

}
