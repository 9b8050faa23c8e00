/**
 * What the source connectors share: the normalized items they return (prices in CNY,
 * volumes in shares, amounts in CNY, times as Beijing-time instants), the four failure
 * classes every source error ends in, the per-source settings, and the gate every call
 * passes through (quota, bounded retry, observable state).
 * <p>
 * One package per source sits below this one: {@code tushare}, {@code tdx},
 * {@code eastmoney}; {@code quota} holds the rate limiter they share.
 */
package com.marketbase.batch.source;
