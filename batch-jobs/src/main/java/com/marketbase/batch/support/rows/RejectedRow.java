package com.marketbase.batch.support.rows;

/**
 * A row a source sent that could not be accepted, kept with its reason so that nothing is
 * lost silently (it maps onto {@code market.rejected_rows}).
 *
 * @param source the source's key, as stored with rows ({@code tushare}, {@code sandbox})
 * @param endpoint the endpoint that sent it
 * @param symbol the instrument, when it could be read
 * @param reason why the row was rejected
 * @param payload the row as the source sent it
 */
public record RejectedRow(String source, String endpoint, String symbol, String reason, String payload) {
}
