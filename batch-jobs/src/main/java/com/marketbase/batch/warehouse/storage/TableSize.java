package com.marketbase.batch.warehouse.storage;

import org.jspecify.annotations.Nullable;

/**
 * How much room one table of the warehouse takes.
 *
 * @param name the table, or the continuous aggregate's view, in schema {@code market}
 * @param kind {@code hypertable}, {@code continuous aggregate} or {@code table}
 * @param rows its rows: counted, or the planner's estimate for a large table
 * @param rowsEstimated whether {@code rows} is an estimate
 * @param bytes its size on disk with indexes and TOAST, compressed chunks as stored
 * @param compressedBytes what its compressed chunks take, or {@code null} where nothing
 * is compressed or the license has no compression
 * @param uncompressedBytes what those chunks took before compression, or {@code null}
 */
public record TableSize(String name, String kind, long rows, boolean rowsEstimated, long bytes,
		@Nullable Long compressedBytes, @Nullable Long uncompressedBytes) {

	/**
	 * How many times smaller compression made the compressed chunks.
	 * @return the ratio, or {@code null} where nothing is compressed
	 */
	public @Nullable Double compressionRatio() {
		if (this.compressedBytes == null || this.uncompressedBytes == null || this.compressedBytes <= 0) {
			return null;
		}
		return (double) this.uncompressedBytes / this.compressedBytes;
	}

}
