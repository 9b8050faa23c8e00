package com.marketbase.batch.support.pipeline;

import java.util.List;
import java.util.Set;

import com.marketbase.batch.support.rows.RejectedRow;
import com.marketbase.batch.support.units.SymbolDay;
import org.jspecify.annotations.Nullable;

/**
 * What the source returned for one fetch of a dataset.
 *
 * @param <R> the dataset's row
 * @param fetch the fetch
 * @param rows the rows as the connector normalized them
 * @param suspended the units the source says did not trade (not applicable, not missing)
 * @param rejected rows the connector rejected, with their reasons
 * @param failure why the fetch could not be read at all, or {@code null}
 */
public record FetchedRows<R>(Fetch fetch, List<R> rows, Set<SymbolDay> suspended, List<RejectedRow> rejected,
		@Nullable String failure) {

	public FetchedRows {
		rows = List.copyOf(rows);
		suspended = Set.copyOf(suspended);
		rejected = List.copyOf(rejected);
	}

	/**
	 * What a fetch returned.
	 * @param <R> the row
	 * @param fetch the fetch
	 * @param rows the rows
	 * @param suspended the units the source lists as not traded
	 * @param rejected the rejected rows
	 * @return the result
	 */
	public static <R> FetchedRows<R> of(Fetch fetch, List<R> rows, Set<SymbolDay> suspended,
			List<RejectedRow> rejected) {
		return new FetchedRows<>(fetch, rows, suspended, rejected, null);
	}

	static <R> FetchedRows<R> failed(Fetch fetch, String failure) {
		return new FetchedRows<>(fetch, List.of(), Set.of(), List.of(), failure);
	}

}
