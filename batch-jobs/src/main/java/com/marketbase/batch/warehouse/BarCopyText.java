package com.marketbase.batch.warehouse;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;

/**
 * Bars in PostgreSQL's COPY text format, written straight into bytes: the same text as
 * {@link BigDecimal#toPlainString()} and {@link Instant#toString()} would give (prices
 * keep their scale, so 7.350 stays 7.350), without a string per value. Timestamps are
 * written in UTC ({@code 2026-11-20 01:31:00+00}).
 */
public final class BarCopyText {

	private static final long[] POWERS = new long[19];

	/** "00" to "99". */
	private static final byte[] PAIRS = new byte[200];

	static {
		for (int i = 0; i < 100; i++) {
			PAIRS[2 * i] = (byte) ('0' + i / 10);
			PAIRS[2 * i + 1] = (byte) ('0' + i % 10);
		}
		POWERS[0] = 1;
		for (int i = 1; i < POWERS.length; i++) {
			POWERS[i] = POWERS[i - 1] * 10;
		}
	}

	private static final byte[] NULLS = "\\N\t\\N\t\\N\t\\N\t\\N\t\\N".getBytes(StandardCharsets.US_ASCII);

	private byte[] bytes;

	private int length;

	// The UTC day last written, as "yyyy-MM-dd ".
	private long day = Long.MIN_VALUE;

	private final byte[] dayText = new byte[11];

	public BarCopyText(int capacity) {
		this.bytes = new byte[capacity];
	}

	public byte[] bytes() {
		return this.bytes;
	}

	public int length() {
		return this.length;
	}

	public void clear() {
		this.length = 0;
	}

	/**
	 * Adds a row: symbol, end, open, high, low, close, volume, amount, then the suffix
	 * (tab-led columns common to every row, or nothing) and a newline.
	 * @param bar the bar
	 * @param suffix the bytes of the common columns
	 */
	public void add(Bar bar, byte[] suffix) {
		text(bar.symbol());
		tab();
		timestamp(bar.end());
		tab();
		values(bar);
		room(suffix.length + 1);
		System.arraycopy(suffix, 0, this.bytes, this.length, suffix.length);
		this.length += suffix.length;
		this.bytes[this.length++] = '\n';
	}

	/**
	 * Adds a row of several bars ending at the same time: the symbol and end of the
	 * first, then the open, high, low, close, volume and amount of each, six nulls for
	 * each missing one, and a newline.
	 * @param bars the bars, the first present
	 */
	public void add(Bar... bars) {
		text(bars[0].symbol());
		tab();
		timestamp(bars[0].end());
		for (Bar bar : bars) {
			tab();
			if (bar != null) {
				values(bar);
			}
			else {
				ascii(NULLS);
			}
		}
		room(1);
		this.bytes[this.length++] = '\n';
	}

	private void values(Bar bar) {
		decimal(bar.open());
		tab();
		decimal(bar.high());
		tab();
		decimal(bar.low());
		tab();
		decimal(bar.close());
		tab();
		number(bar.volume());
		tab();
		decimal(bar.amount());
	}

	private void tab() {
		room(1);
		this.bytes[this.length++] = '\t';
	}

	/** A text column, escaped as COPY text requires. */
	public void text(String value) {
		room(value.length());
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c >= 0x80 || c == '\\' || c < 0x20) {
				ascii(escaped(value));
				return;
			}
			this.bytes[this.length + i] = (byte) c;
		}
		this.length += value.length();
	}

	private void ascii(byte[] text) {
		room(text.length);
		System.arraycopy(text, 0, this.bytes, this.length, text.length);
		this.length += text.length;
	}

	private static byte[] escaped(String value) {
		StringBuilder escaped = new StringBuilder(value.length() + 8);
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '\\' -> escaped.append("\\\\");
				case '\t' -> escaped.append("\\t");
				case '\n' -> escaped.append("\\n");
				case '\r' -> escaped.append("\\r");
				default -> escaped.append(c);
			}
		}
		return escaped.toString().getBytes(StandardCharsets.UTF_8);
	}

	public void timestamp(Instant instant) {
		long seconds = instant.getEpochSecond();
		long epochDay = Math.floorDiv(seconds, 86_400L);
		if (instant.getNano() != 0 || epochDay < -700_000 || epochDay > 2_900_000) {
			ascii(instant.toString().getBytes(StandardCharsets.US_ASCII));
			return;
		}
		if (epochDay != this.day) {
			byte[] text = (LocalDate.ofEpochDay(epochDay) + " ").getBytes(StandardCharsets.US_ASCII);
			System.arraycopy(text, 0, this.dayText, 0, 11);
			this.day = epochDay;
		}
		int second = (int) Math.floorMod(seconds, 86_400L);
		room(22);
		System.arraycopy(this.dayText, 0, this.bytes, this.length, 11);
		this.length += 11;
		two(second / 3600);
		this.bytes[this.length++] = ':';
		two(second / 60 % 60);
		this.bytes[this.length++] = ':';
		two(second % 60);
		this.bytes[this.length++] = '+';
		this.bytes[this.length++] = '0';
		this.bytes[this.length++] = '0';
	}

	private void two(int value) {
		this.bytes[this.length++] = PAIRS[2 * value];
		this.bytes[this.length++] = PAIRS[2 * value + 1];
	}

	/** As {@link BigDecimal#toPlainString()}. */
	public void decimal(BigDecimal value) {
		int scale = value.scale();
		if (scale < 0 || scale > 18 || value.precision() > 18) {
			ascii(value.toPlainString().getBytes(StandardCharsets.US_ASCII));
			return;
		}
		long unscaled = (scale == 0) ? value.longValue() : value.movePointRight(scale).longValue();
		room(22);
		if (unscaled < 0) {
			this.bytes[this.length++] = '-';
			unscaled = -unscaled;
		}
		digits(unscaled / POWERS[scale], 1);
		if (scale > 0) {
			this.bytes[this.length++] = '.';
			digits(unscaled % POWERS[scale], scale);
		}
	}

	public void number(long value) {
		room(20);
		if (value == Long.MIN_VALUE) {
			ascii(Long.toString(value).getBytes(StandardCharsets.US_ASCII));
			return;
		}
		if (value < 0) {
			this.bytes[this.length++] = '-';
			value = -value;
		}
		digits(value, 1);
	}

	/** A non-negative number with at least {@code width} digits, zero-padded. */
	private void digits(long value, int width) {
		int count = 1;
		while (count < 19 && value >= POWERS[count]) {
			count++;
		}
		count = Math.max(count, width);
		int i = this.length + count;
		// Long division is slow; most values fit an int, done two digits at a time.
		while (value > Integer.MAX_VALUE) {
			this.bytes[--i] = (byte) ('0' + value % 10);
			value /= 10;
		}
		int small = (int) value;
		while (small >= 100) {
			int pair = small % 100;
			small /= 100;
			this.bytes[--i] = PAIRS[2 * pair + 1];
			this.bytes[--i] = PAIRS[2 * pair];
		}
		this.bytes[--i] = (byte) ('0' + small % 10);
		if (small >= 10) {
			this.bytes[--i] = (byte) ('0' + small / 10);
		}
		while (i > this.length) {
			this.bytes[--i] = '0';
		}
		this.length += count;
	}

	private void room(int more) {
		if (this.length + more > this.bytes.length) {
			this.bytes = Arrays.copyOf(this.bytes, Math.max(this.bytes.length * 2, this.length + more));
		}
	}

}
