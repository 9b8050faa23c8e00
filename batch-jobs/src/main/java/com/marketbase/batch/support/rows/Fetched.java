package com.marketbase.batch.support.rows;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * What one read from a source produced: the accepted items and the rejected rows.
 *
 * @param <T> the item type
 * @param items the accepted items, in the order the connector documents
 * @param rejected the rows that were rejected, with their reasons
 */
public record Fetched<T>(List<T> items, List<RejectedRow> rejected) {

	/** How the reason of a row sent again with other values begins. */
	public static final String SENT_TWICE = "sent twice with other values; the first is kept: ";

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

	/**
	 * This read sorted by a key, with each key once. A row sent again with the same
	 * values is dropped. One sent again with other values is rejected and the first kept:
	 * a source that contradicts itself within one answer gives no reason to prefer the
	 * later row, and the rejection keeps both in view instead of letting one overwrite
	 * the other unseen.
	 * @param key the order; two items it compares as equal are the same row
	 * @param source the source's key, as stored with rows
	 * @param endpoint the endpoint that sent the rows
	 * @param symbol the instrument of an item
	 * @return the read with one item per key, sorted by it (the first sent first among
	 * equals, as the sort is stable)
	 */
	public Fetched<T> oncePerKey(Comparator<? super T> key, String source, String endpoint,
			Function<? super T, String> symbol) {
		List<T> sorted = new ArrayList<>(this.items);
		sorted.sort(key);
		List<T> kept = new ArrayList<>(sorted.size());
		List<RejectedRow> rejections = new ArrayList<>(this.rejected);
		T first = null;
		for (T item : sorted) {
			if (first != null && key.compare(first, item) == 0) {
				if (!first.equals(item)) {
					rejections.add(
							new RejectedRow(source, endpoint, symbol.apply(item), SENT_TWICE + first, item.toString()));
				}
				continue;
			}
			first = item;
			kept.add(item);
		}
		return new Fetched<>(kept, rejections);
	}

	public static <T> Fetched<T> none() {
		return new Fetched<>(List.of(), List.of());
	}

}
