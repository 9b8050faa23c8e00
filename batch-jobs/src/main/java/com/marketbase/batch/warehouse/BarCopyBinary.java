package com.marketbase.batch.warehouse;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/**
 * Bars in PostgreSQL's binary COPY format ({@code copy … from stdin (format binary)}):
 * the server takes a timestamp as 8 bytes and a numeric as its base-10000 digits instead
 * of parsing their text, which is most of what a text COPY spends on a bar beyond storing
 * it. Rows are {@code symbol text, ts timestamptz, open, high, low, close numeric,
 * volume bigint, amount numeric}, then the columns common to every row (see
 * {@link #suffix(String, long)}); a stream starts with {@link #header()} and ends with
 * {@link #trailer()}. Numerics keep their scale (7.350 is sent with three decimals).
 */
public final class BarCopyBinary {

	private static final byte[] SIGNATURE = { 'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0 };

	// 2000-01-01T00:00:00Z, PostgreSQL's epoch, in Unix seconds.
	private static final long POSTGRES_EPOCH = 946_684_800L;

	private static final long[] POWERS = new long[19];

	private static final int NUMERIC_NEGATIVE = 0x4000;

	private static final BigInteger BASE = BigInteger.valueOf(10_000);

	static {
		POWERS[0] = 1;
		for (int i = 1; i < POWERS.length; i++) {
			POWERS[i] = POWERS[i - 1] * 10;
		}
	}

	private byte[] bytes;

	private int length;

	// Base-10000 digits of the numeric being written, least significant first.
	private final short[] digits = new short[8];

	public BarCopyBinary(int capacity) {
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

	/** The stream's header: signature, no flags, no extension. */
	public void header() {
		room(SIGNATURE.length + 8);
		System.arraycopy(SIGNATURE, 0, this.bytes, this.length, SIGNATURE.length);
		this.length += SIGNATURE.length;
		int32(0);
		int32(0);
	}

	/** The stream's end: a field count of -1. */
	public void trailer() {
		int16(-1);
	}

	/**
	 * The encoded columns {@code source text, load_batch_id bigint} that follow every
	 * bar's own columns in a load of {@code bars_1m}.
	 * @param source the source's key
	 * @param loadBatchId the load batch
	 * @return the columns, as {@link #add(Bar, int, byte[])} takes them
	 */
	public static byte[] suffix(String source, long loadBatchId) {
		BarCopyBinary columns = new BarCopyBinary(64);
		columns.text(source);
		columns.int32(8);
		columns.int64(loadBatchId);
		return Arrays.copyOf(columns.bytes, columns.length);
	}

	/**
	 * Adds a row: the bar's eight columns, then the common ones.
	 * @param bar the bar
	 * @param commonColumns how many columns {@code suffix} holds
	 * @param suffix the encoded common columns (empty when there are none)
	 */
	public void add(Bar bar, int commonColumns, byte[] suffix) {
		int16(8 + commonColumns);
		text(bar.symbol());
		timestamp(bar.end());
		numeric(bar.open());
		numeric(bar.high());
		numeric(bar.low());
		numeric(bar.close());
		int32(8);
		int64(bar.volume());
		numeric(bar.amount());
		room(suffix.length);
		System.arraycopy(suffix, 0, this.bytes, this.length, suffix.length);
		this.length += suffix.length;
	}

	private void text(String value) {
		int start = this.length;
		room(4 + value.length());
		this.length += 4;
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c >= 0x80) {
				this.length = start;
				byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
				int32(utf8.length);
				room(utf8.length);
				System.arraycopy(utf8, 0, this.bytes, this.length, utf8.length);
				this.length += utf8.length;
				return;
			}
			this.bytes[this.length++] = (byte) c;
		}
		putInt(start, value.length());
	}

	private void timestamp(Instant instant) {
		int32(8);
		// To the nearest microsecond (half to even), as the server rounds a timestamp's
		// text, so that both ways of writing store the same key.
		int micros = (int) Math.rint(instant.getNano() / 1_000.0);
		int64(Math.addExact(Math.multiplyExact(instant.getEpochSecond() - POSTGRES_EPOCH, 1_000_000L), micros));
	}

	/**
	 * A numeric: digit count, weight (the power of 10000 of the first digit), sign,
	 * display scale, then the digits, most significant first; trailing zero digits are
	 * left out, as the server stores them.
	 */
	void numeric(BigDecimal value) {
		int scale = value.scale();
		// Base-10000 digits after the point: the scale rounded up to whole digits.
		int fraction = (scale > 0) ? (scale + 3) / 4 : 0;
		int shift = 4 * fraction - scale;
		if (scale < 0 || value.precision() + shift > 18) {
			numericOfAnySize(value);
			return;
		}
		long unscaled = (scale == 0) ? value.longValue() : value.movePointRight(scale).longValue();
		int sign = 0;
		if (unscaled < 0) {
			sign = NUMERIC_NEGATIVE;
			unscaled = -unscaled;
		}
		long aligned = unscaled * POWERS[shift];
		int count = 0;
		while (aligned != 0) {
			this.digits[count++] = (short) (aligned % 10_000);
			aligned /= 10_000;
		}
		writeNumeric(count, fraction, sign, scale);
	}

	// The rare value beyond 18 digits, or with a negative scale (1E+3).
	private void numericOfAnySize(BigDecimal value) {
		BigDecimal plain = (value.scale() < 0) ? value.setScale(0) : value;
		int scale = plain.scale();
		int fraction = (scale + 3) / 4;
		BigInteger aligned = plain.unscaledValue().abs().multiply(BigInteger.TEN.pow(4 * fraction - scale));
		short[] all = new short[aligned.bitLength() / 13 + 2];
		int count = 0;
		while (aligned.signum() != 0) {
			BigInteger[] parts = aligned.divideAndRemainder(BASE);
			all[count++] = parts[1].shortValue();
			aligned = parts[0];
		}
		writeDigits(all, count, fraction, (plain.signum() < 0) ? NUMERIC_NEGATIVE : 0, scale);
	}

	private void writeNumeric(int count, int fraction, int sign, int scale) {
		writeDigits(this.digits, count, fraction, sign, scale);
	}

	private void writeDigits(short[] digits, int count, int fraction, int sign, int scale) {
		int lowest = 0;
		while (lowest < count && digits[lowest] == 0) {
			lowest++;
		}
		int sent = count - lowest;
		int weight = (sent == 0) ? 0 : count - fraction - 1;
		room(4 + 8 + 2 * sent);
		int32(8 + 2 * sent);
		int16(sent);
		int16(weight);
		int16((sent == 0) ? 0 : sign);
		int16(scale);
		for (int i = count - 1; i >= lowest; i--) {
			int16(digits[i]);
		}
	}

	private void int16(int value) {
		room(2);
		this.bytes[this.length++] = (byte) (value >>> 8);
		this.bytes[this.length++] = (byte) value;
	}

	private void int32(int value) {
		room(4);
		putInt(this.length, value);
		this.length += 4;
	}

	private void putInt(int at, int value) {
		this.bytes[at] = (byte) (value >>> 24);
		this.bytes[at + 1] = (byte) (value >>> 16);
		this.bytes[at + 2] = (byte) (value >>> 8);
		this.bytes[at + 3] = (byte) value;
	}

	private void int64(long value) {
		room(8);
		for (int shift = 56; shift >= 0; shift -= 8) {
			this.bytes[this.length++] = (byte) (value >>> shift);
		}
	}

	private void room(int more) {
		if (this.length + more > this.bytes.length) {
			this.bytes = Arrays.copyOf(this.bytes, Math.max(this.bytes.length * 2, this.length + more));
		}
	}

}
