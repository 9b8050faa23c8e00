/**
 * Data-quality rules over the loaded days: what a well-formed row of each market cannot
 * be (a price outside the board's limit band, a zero volume with a price change,
 * inconsistent OHLC, an adjustment factor that moves without a corporate action, an FX
 * bid above its ask, a futures settle outside the day's range), found in the warehouse
 * with SQL and kept in {@code market.quality_findings}.
 */
package com.marketbase.batch.quality;
