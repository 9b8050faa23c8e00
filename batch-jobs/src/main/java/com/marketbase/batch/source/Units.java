package com.marketbase.batch.source;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * The one convention every connector converts to: prices in CNY, volumes in shares,
 * amounts in CNY, times as instants read in Beijing time (UTC+8, no daylight saving).
 */
public final class Units {

	/** The time zone every source's local timestamps are in. */
	public static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

	/** Dates as Tushare writes them: {@code 20241108}. */
	public static final DateTimeFormatter COMPACT_DATE = DateTimeFormatter.BASIC_ISO_DATE;

	private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

	private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);

	private static final BigDecimal TEN_THOUSAND = BigDecimal.valueOf(10000);

	private Units() {
	}

	/**
	 * Lots (手, 100 shares) to shares; volumes are whole shares, so a fractional result is
	 * rounded to the nearest share.
	 * @param lots the volume in lots
	 * @return the volume in shares
	 */
	public static long lotsToShares(BigDecimal lots) {
		return lots.multiply(HUNDRED).setScale(0, java.math.RoundingMode.HALF_UP).longValueExact();
	}

	public static long wholeShares(BigDecimal shares) {
		return shares.setScale(0, java.math.RoundingMode.HALF_UP).longValueExact();
	}

	/**
	 * Thousands of CNY (千元) to CNY.
	 * @param thousands the amount in thousand CNY
	 * @return the amount in CNY
	 */
	public static BigDecimal thousandsToCny(BigDecimal thousands) {
		return plain(thousands.multiply(THOUSAND));
	}

	/**
	 * Tens of thousands of CNY (万元) to CNY.
	 * @param tenThousands the amount in 10,000 CNY
	 * @return the amount in CNY
	 */
	public static BigDecimal tenThousandsToCny(BigDecimal tenThousands) {
		return plain(tenThousands.multiply(TEN_THOUSAND));
	}

	/**
	 * Li (厘, 1/1000 CNY), the TDX unit for prices and amounts, to CNY.
	 * @param li the value in li
	 * @return the value in CNY
	 */
	public static BigDecimal liToCny(long li) {
		return plain(BigDecimal.valueOf(li, 3));
	}

	/** Without trailing zeros, but never in exponent form (20, not 2E+1). */
	private static BigDecimal plain(BigDecimal value) {
		BigDecimal stripped = value.stripTrailingZeros();
		return (stripped.scale() < 0) ? stripped.setScale(0) : stripped;
	}

	/**
	 * A Beijing wall-clock time as an instant.
	 * @param date the local date
	 * @param time the local time
	 * @return the instant
	 */
	public static Instant beijing(LocalDate date, LocalTime time) {
		return beijing(LocalDateTime.of(date, time));
	}

	public static Instant beijing(LocalDateTime dateTime) {
		return dateTime.atZone(BEIJING).toInstant();
	}

	public static LocalDate compactDate(String text) {
		return LocalDate.parse(text, COMPACT_DATE);
	}

	public static String compactDate(LocalDate date) {
		return date.format(COMPACT_DATE);
	}

}
