package com.marketbase.batch.job.ticktrade;

import com.marketbase.batch.source.tdx.TdxTrade;

/**
 * A trade with its place in the symbol's day as the gateway sent it.
 *
 * @param trade the trade
 * @param seq its order of arrival within the symbol's day, from 0
 */
record TickTrade(TdxTrade trade, int seq) {
}
