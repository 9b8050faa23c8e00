package com.marketbase.batch.support.rows;

import java.util.ArrayList;
import java.util.List;

/**
 * What one read from a source produced: the accepted items and the rejected rows.
 *
 * @param <T> the item type
 * @param items the accepted items, in the order the connector documents
 * @param rejected the rows that were rejected, with their reasons
 */
public record Fetched<T>(List<T> items, List<RejectedRow> rejected) {

	public Fetched {
		items = List.copyOf(items);
		rejected = List.copyOf(rejected);
	}

	/**
	 * Both lists of this and another read, this one's first.
	 * @param other the other read
	 * @return the combined read
	 */
	public Fetched<T> and(Fetched<T> other) {
		List<T> allItems = new ArrayList<>(this.items);
		allItems.addAll(other.items);
		List<RejectedRow> allRejected = new ArrayList<>(this.rejected);
		allRejected.addAll(other.rejected);
		return new Fetched<>(allItems, allRejected);
	}

	public static <T> Fetched<T> none() {
		return new Fetched<>(List.of(), List.of());
	}

}
