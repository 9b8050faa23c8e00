package com.marketbase.batch.source;

/**
 * A row a source sent that could not be accepted, kept with its reason so that nothing is
 * lost silently (it maps onto {@code market.rejected_rows}).
 *
 * @param source the source
 * @param endpoint the endpoint that sent it
 * @param symbol the instrument, when it could be read
 * @param reason why the row was rejected
 * @param payload the row as the source sent it
 */
public record RejectedRow(SourceName source, String endpoint, String symbol, String reason, String payload) {
}
