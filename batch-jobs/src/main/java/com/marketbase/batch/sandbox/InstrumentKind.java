package com.marketbase.batch.sandbox;

/**
 * The kinds of instrument in the sandbox's universe.
 */
enum InstrumentKind {

	STOCK, INDEX, ETF, FUTURE, SPOT, FX, FUND, MONEY_FUND

}
