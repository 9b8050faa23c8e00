package com.marketbase.batch.support.launch;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The {@code name=value} pairs a person typed for a load job, read the same way by every
 * job so that the same mistake gets the same sentence: unknown names, malformed or
 * contradictory days, codes, sources, modes and flags are refused with one message that
 * says what is allowed. Which sources exist and are configured is the source resolver's
 * to say.
 */
public final class LaunchInput {

	/**
	 * The flag that lets a load mix synthetic (sandbox) rows with real ones in one
	 * warehouse.
	 */
	public static final String ALLOW_MIXED_SOURCES = "allow-mixed-sources";

	/** The most symbols one launch may name. */
	public static final int MAX_SYMBOLS = 200;

	private static final DateTimeFormatter COMPACT = DateTimeFormatter.BASIC_ISO_DATE;

	private final Map<String, String> given;

	/**
	 * Reads a launch's pairs, refusing names the job does not know.
	 * @param job the job's name, for the message
	 * @param given the pairs
	 * @param allowed the names the job knows
	 * @throws IllegalArgumentException naming the unknown parameter and the allowed ones
	 */
	public LaunchInput(String job, Map<String, String> given, Set<String> allowed) {
		for (String name : given.keySet()) {
			if (!allowed.contains(name)) {
				throw new IllegalArgumentException("Unknown parameter '" + name + "' for " + job + "; allowed: "
						+ String.join(", ", new TreeSet<>(allowed)) + ".");
			}
		}
		this.given = Map.copyOf(given);
	}

	/**
	 * The value of a parameter as typed.
	 * @param name the parameter
	 * @return the value, or {@code null} when it was not given
	 */
	public String get(String name) {
		return this.given.get(name);
	}

	/**
	 * The days to load: {@code trade_date}, or {@code start_date} with {@code end_date}.
	 * @param defaultDay the day when neither is given
	 * @return the days
	 */
	public Days days(LocalDate defaultDay) {
		String tradeDate = this.given.get("trade_date");
		String start = this.given.get("start_date");
		String end = this.given.get("end_date");
		if (tradeDate != null && (start != null || end != null)) {
			throw new IllegalArgumentException("Give either trade_date or start_date/end_date, not both.");
		}
		if ((start == null) != (end == null)) {
			throw new IllegalArgumentException("start_date and end_date go together; for one day use trade_date.");
		}
		if (tradeDate != null) {
			LocalDate day = date("trade_date", tradeDate);
			return new Days(day, day);
		}
		if (start == null) {
			return new Days(defaultDay, defaultDay);
		}
		LocalDate first = date("start_date", start);
		LocalDate last = date("end_date", end);
		if (first.isAfter(last)) {
			throw new IllegalArgumentException("start_date " + first + " is after end_date " + last + ".");
		}
		return new Days(first, last);
	}

	/**
	 * The codes of {@code symbols}, upper-cased, sorted and without repeats.
	 * @param code what a code looks like
	 * @param whatCodes what the codes are, for the message ("A-share codes in Tushare
	 * form (like 600000.SH)")
	 * @param otherwise what to do instead of naming too many, for the message
	 * @return the codes; empty when {@code symbols} was not given
	 */
	public List<String> symbols(Pattern code, String whatCodes, String otherwise) {
		String list = this.given.get("symbols");
		if (list == null) {
			return List.of();
		}
		TreeSet<String> symbols = new TreeSet<>();
		List<String> malformed = new ArrayList<>();
		for (String symbol : list.split(",")) {
			String typed = symbol.strip().toUpperCase(Locale.ROOT);
			if (typed.isEmpty()) {
				continue;
			}
			if (code.matcher(typed).matches()) {
				symbols.add(typed);
			}
			else {
				malformed.add(symbol.strip());
			}
		}
		if (!malformed.isEmpty()) {
			throw new IllegalArgumentException("Not " + whatCodes + ": " + String.join(", ", malformed) + ".");
		}
		if (symbols.isEmpty()) {
			throw new IllegalArgumentException("symbols is empty; list codes like 600000.SH,000001.SZ.");
		}
		if (symbols.size() > MAX_SYMBOLS) {
			throw new IllegalArgumentException("Too many symbols (" + symbols.size() + ") for one launch; at most "
					+ MAX_SYMBOLS + ", or " + otherwise + ".");
		}
		return List.copyOf(symbols);
	}

	/**
	 * The source as typed, for the source resolver to settle.
	 * @return the value of {@code source}, or {@code null} when it was not given
	 */
	public String source() {
		return this.given.get("source");
	}

	/**
	 * The load mode, lower-cased.
	 * @param defaultMode {@code incremental} or {@code full}
	 * @return {@code incremental} or {@code full}
	 */
	public String mode(String defaultMode) {
		String mode = this.given.getOrDefault("mode", defaultMode).toLowerCase(Locale.ROOT);
		if (!mode.equals("incremental") && !mode.equals("full")) {
			throw new IllegalArgumentException("mode is incremental or full, not '" + this.given.get("mode") + "'.");
		}
		return mode;
	}

	/**
	 * A true/false flag such as {@code force}.
	 * @param name the flag
	 * @return whether it was given as true
	 */
	public boolean flag(String name) {
		String value = this.given.getOrDefault(name, "false").toLowerCase(Locale.ROOT);
		if (!value.equals("true") && !value.equals("false")) {
			throw new IllegalArgumentException(name + " is true or false, not '" + this.given.get(name) + "'.");
		}
		return value.equals("true");
	}

	/**
	 * When a forced launch was asked for: with {@code force=true} the launch time, which
	 * joins the job instance's identity, so that the same parameters run again; it is
	 * kept to the millisecond, so that two forced launches never share an instance.
	 * @return the launch time, or {@code null} without {@code force=true}
	 */
	public @Nullable LocalDateTime forcedAt() {
		return flag("force") ? LocalDateTime.now().truncatedTo(ChronoUnit.MILLIS) : null;
	}

	/**
	 * Reads a day as typed: {@code 2026-11-20} or {@code 20261120}.
	 * @param name the parameter, for the message
	 * @param value the text
	 * @return the day
	 */
	public static LocalDate date(String name, String value) {
		try {
			return (value.length() == 8) ? LocalDate.parse(value, COMPACT) : LocalDate.parse(value);
		}
		catch (DateTimeParseException ex) {
			throw new IllegalArgumentException(
					name + " '" + value + "' is not a date; use YYYY-MM-DD, for example 2026-11-20.");
		}
	}

	/**
	 * The days of a launch.
	 *
	 * @param first the first day
	 * @param last the last day, not before the first
	 */
	public record Days(LocalDate first, LocalDate last) {
	}

}
