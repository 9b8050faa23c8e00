package com.marketbase.batch.sandbox;

/**
 * The ways the sandbox can misbehave on purpose, as real sources and the networks in
 * front of them do.
 */
public enum SandboxFault {

	/** HTTP 500 with an empty body. */
	HTTP_500,

	/** HTTP 502 from a "gateway" with an HTML body. */
	HTTP_502,

	/**
	 * No answer until {@link SandboxSettings#stallFor()} has passed; when the sandbox
	 * closes first, the connection is dropped without one.
	 */
	TIMEOUT,

	/** The connection is closed without an answer. */
	RESET,

	/** HTTP 200 with JSON cut off in the middle. */
	MALFORMED_JSON,

	/** HTTP 200 with an HTML page instead of JSON, as captive portals and WAFs send. */
	HTML,

	/**
	 * A successful answer without any rows (the TDX gateway's envelope with an empty
	 * list), as a bulk call sends when the servers behind it have nothing.
	 */
	EMPTY_ANSWER,

	/** A normal answer in which one row has impossible values (high below low). */
	IMPOSSIBLE_ROWS,

	/** A normal answer whose body stops halfway although its length was announced. */
	TRUNCATED,

	/**
	 * A normal answer whose headers come at once and whose body then trickles in, a byte
	 * every 200 ms, for as long as the client keeps reading (a dying link, a proxy that
	 * buffers): no read ever times out, and the answer never ends.
	 */
	TRICKLE,

	/**
	 * A normal answer in which the first row is sent again right after it with another
	 * volume (Eastmoney's NAV rows and estimates, which have none, with another NAV or
	 * estimate).
	 */
	DUPLICATE_ROW,

	/** A normal answer in which the first row's first price is {@code NaN}. */
	NAN_PRICE,

	/**
	 * A normal answer with a required column renamed (Tushare's {@code vol}, the TDX
	 * gateway's {@code Price}, Eastmoney's {@code DWJZ} and {@code GSZ}), as when a
	 * source changes its format.
	 */
	RENAMED_COLUMN

}
