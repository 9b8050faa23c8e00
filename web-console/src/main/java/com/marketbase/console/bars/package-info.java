/**
 * Bars from the warehouse as candlesticks, on the A-share session grid so that missing
 * bars show as gaps.
 */
package com.marketbase.console.bars;
