package com.marketbase.batch.job.minute1m;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Deals the symbols round-robin into partitions, so that each partition gets a similar
 * share of every exchange, and the older holes an incremental run heals the same way.
 * Each partition's symbols and holes stay in its step execution context, which a restart
 * reuses.
 */
class Minute1mPartitioner implements Partitioner {

	static final String SYMBOLS = "symbols";

	static final String BACKFILL = "backfill";

	private final List<String> symbols;

	private final List<MinuteUnit> backfill;

	Minute1mPartitioner(List<String> symbols) {
		this(symbols, List.of());
	}

	Minute1mPartitioner(List<String> symbols, List<MinuteUnit> backfill) {
		this.symbols = List.copyOf(symbols);
		this.backfill = List.copyOf(backfill);
	}

	@Override
	public Map<String, ExecutionContext> partition(int gridSize) {
		int partitions = Math.max(1, Math.min(gridSize, Math.max(this.symbols.size(), this.backfill.size())));
		List<List<String>> dealt = new ArrayList<>();
		List<List<MinuteUnit>> holes = new ArrayList<>();
		for (int i = 0; i < partitions; i++) {
			dealt.add(new ArrayList<>());
			holes.add(new ArrayList<>());
		}
		for (int i = 0; i < this.symbols.size(); i++) {
			dealt.get(i % partitions).add(this.symbols.get(i));
		}
		for (int i = 0; i < this.backfill.size(); i++) {
			holes.get(i % partitions).add(this.backfill.get(i));
		}
		Map<String, ExecutionContext> result = new LinkedHashMap<>();
		for (int i = 0; i < partitions; i++) {
			ExecutionContext context = new ExecutionContext();
			context.putString(SYMBOLS, String.join(",", dealt.get(i)));
			context.putString(BACKFILL, MinuteUnitReader.encode(holes.get(i)));
			result.put("partition" + i, context);
		}
		return result;
	}

	/**
	 * A partition's units, in the order its reader walks them: the requested days (less
	 * the units quarantined when the load was prepared), then its share of the older
	 * holes.
	 * @param job the job's execution context
	 * @param partition the partition's step execution context
	 * @param daysPerUnit the most days the source gives in one unit
	 * @return the units
	 */
	static List<MinuteUnit> units(ExecutionContext job, ExecutionContext partition, int daysPerUnit) {
		String symbols = partition.getString(SYMBOLS, "");
		List<MinuteUnit> units = new ArrayList<>(
				MinuteUnit.plan(symbols.isBlank() ? List.of() : Arrays.asList(symbols.split(",")),
						Minute1mPrepareTasklet.days(job), daysPerUnit, Minute1mPrepareTasklet.quarantined(job)));
		units.addAll(MinuteUnitReader.decode(partition.getString(BACKFILL, "")));
		return units;
	}

}
