package com.marketbase.batch.sandbox;

import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;

/**
 * Writes a successful {@code stk_mins} answer straight from the synthetic minute bars,
 * row by row, as the Tushare server sends it: columns in the server's order, rows newest
 * first, numbers as Python floats ({@code 7.352}, {@code 1343100.0}: plain digits, at
 * least one after the point). Minute answers are the sandbox's bulk traffic, so they skip
 * the row maps and the JSON tree the other APIs are built with.
 */
final class TushareMinuteAnswer {

	// The body so far, ASCII (anything else is written as a \\u escape).
	private byte[] json;

	private int length;

	private static final List<String> COLUMNS = List.of("ts_code", "trade_time", "close", "open", "high", "low", "vol",
			"amount");

	// The columns to send, as positions in COLUMNS (-1 for one the sandbox does not
	// have).
	private final int[] columns;

	private final int offset;

	private final int size;

	private final boolean corrupt;

	private int seen;

	private int written;

	/**
	 * Starts an answer.
	 * @param requestId the answer's {@code request_id}
	 * @param fields the columns to send, in the server's order
	 * @param offset rows to skip ({@code offset})
	 * @param size rows to send at most (the cap or a smaller {@code limit})
	 * @param corrupt whether the first row sent gets impossible prices
	 */
	TushareMinuteAnswer(String requestId, List<String> fields, int offset, int size, boolean corrupt) {
		// Room for a day's rows (about 80 bytes each), grown for more: a buffer sized
		// for the 8,000-row cap would be a humongous object in a small heap, and every
		// call allocating one set off a concurrent collection.
		this.json = new byte[256 + Math.min(size, 256) * 96];
		this.columns = fields.stream().mapToInt(COLUMNS::indexOf).toArray();
		this.offset = offset;
		this.size = size;
		this.corrupt = corrupt;
		ascii("{\"request_id\":");
		quote(requestId);
		ascii(",\"code\":0,\"data\":{\"fields\":[");
		for (int i = 0; i < fields.size(); i++) {
			ascii((i > 0) ? "," : "");
			quote(fields.get(i));
		}
		ascii("],\"items\":[");
	}

	/**
	 * Whether more rows are wanted.
	 * @return {@code false} once the page is full
	 */
	boolean wantsMore() {
		return this.written < this.size;
	}

	/**
	 * Adds the next row, newest first; rows before the page's offset are counted and
	 * skipped.
	 * @param symbol the code
	 * @param bar the bar
	 */
	void add(String symbol, SyntheticMarket.MinuteBar bar) {
		if (this.seen++ < this.offset || !wantsMore()) {
			return;
		}
		boolean bad = this.corrupt && this.written == 0;
		ascii((this.written++ > 0) ? ",[" : "[");
		for (int i = 0; i < this.columns.length; i++) {
			if (i > 0) {
				put(',');
			}
			switch (this.columns[i]) {
				case 0 -> quote(symbol);
				case 1 -> time(bar.end());
				case 2 -> decimal(bar.close(), 3);
				case 3 -> decimal(bar.open(), 3);
				// The impossible-rows fault: a high of half the low.
				case 4 -> decimal(bad ? bar.low() * 5 : bar.high(), bad ? 4 : 3);
				case 5 -> decimal(bar.low(), 3);
				case 6 -> decimal(bar.lots() * 100, 0);
				case 7 -> decimal(bar.amountLi(), 3);
				default -> ascii("null");
			}
		}
		put(']');
	}

	/**
	 * Ends the answer.
	 * @return the body
	 */
	SandboxAnswer finish() {
		ascii("],\"has_more\":false,\"count\":0},\"msg\":\"\",\"detail\":\"\"}");
		return new SandboxAnswer(200, SandboxAnswer.JSON, Arrays.copyOf(this.json, this.length), false);
	}

	/**
	 * A number as Python prints a float: plain, with at least one digit after the point.
	 */
	private void decimal(long unscaled, int scale) {
		if (unscaled < 0) {
			put('-');
			unscaled = -unscaled;
		}
		long power = 1;
		for (int i = 0; i < scale; i++) {
			power *= 10;
		}
		digits(unscaled / power);
		put('.');
		long fraction = unscaled % power;
		if (fraction == 0) {
			put('0');
			return;
		}
		// Zeros right after the point, then the digits without trailing zeros.
		for (long p = power / 10; p > fraction; p /= 10) {
			put('0');
		}
		while (fraction % 10 == 0) {
			fraction /= 10;
		}
		digits(fraction);
	}

	private void digits(long value) {
		room(20);
		int count = 1;
		for (long rest = value / 10; rest > 0; rest /= 10) {
			count++;
		}
		for (int i = this.length + count - 1; i >= this.length; i--) {
			this.json[i] = (byte) ('0' + value % 10);
			value /= 10;
		}
		this.length += count;
	}

	private void time(LocalDateTime time) {
		put('"');
		digits(time.getYear());
		put('-');
		two(time.getMonthValue());
		put('-');
		two(time.getDayOfMonth());
		put(' ');
		two(time.getHour());
		put(':');
		two(time.getMinute());
		put(':');
		two(time.getSecond());
		put('"');
	}

	private void two(int value) {
		put((char) ('0' + value / 10));
		put((char) ('0' + value % 10));
	}

	private void quote(String text) {
		put('"');
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '"' || c == '\\') {
				put('\\');
				put(c);
			}
			else if (c < 0x20 || c > 0x7e) {
				ascii(String.format("\\u%04x", (int) c));
			}
			else {
				put(c);
			}
		}
		put('"');
	}

	private void ascii(String text) {
		for (int i = 0; i < text.length(); i++) {
			put(text.charAt(i));
		}
	}

	private void put(char c) {
		room(1);
		this.json[this.length++] = (byte) c;
	}

	private void room(int more) {
		if (this.length + more > this.json.length) {
			this.json = Arrays.copyOf(this.json, Math.max(this.json.length * 2, this.length + more));
		}
	}

}
