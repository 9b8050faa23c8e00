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

	/** The longest value any parameter may have. */
	public static final int MAX_VALUE_LENGTH = 4000;

	private static final DateTimeFormatter COMPACT = DateTimeFormatter.BASIC_ISO_DATE;

	private static final Pattern DAY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}|\\d{8}");

	private final Map<String, String> given;

	/**
	 * Reads a launch's pairs, refusing names the job does not know.
	 * @param job the job's name, for the message
	 * @param given the pairs
	 * @param allowed the names the job knows
	 * @throws IllegalArgumentException naming the unknown parameter and the allowed ones
	 */
	public LaunchInput(String job, Map<String, String> given, Set<String> allowed) {
		check(job, given, allowed);
		this.given = Map.copyOf(given);
	}

	/**
	 * Refuses names a job does not know, blank values and values longer than any
	 * parameter needs, the same way for the CLI, the console and the schedule.
	 * @param job the job's name, for the message
	 * @param given the pairs
	 * @param allowed the names the job knows
	 * @throws IllegalArgumentException naming the parameter
	 */
	public static void check(String job, Map<String, String> given, Set<String> allowed) {
		for (Map.Entry<String, String> pair : given.entrySet()) {
			String name = pair.getKey();
			if (!allowed.contains(name)) {
				throw new IllegalArgumentException("Unknown parameter '" + shown(name) + "' for " + job + "; allowed: "
						+ String.join(", ", new TreeSet<>(allowed)) + ".");
			}
			String value = pair.getValue();
			if (value == null || value.isBlank()) {
				throw new IllegalArgumentException(name + " is blank; give it a value or leave it out.");
			}
			if (value.length() > MAX_VALUE_LENGTH) {
				throw new IllegalArgumentException(
						name + " is " + value.length() + " characters long; at most " + MAX_VALUE_LENGTH + ".");
			}
		}
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
			throw new IllegalArgumentException("Not " + whatCodes + ": " + firstOf(malformed) + ".");
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

	// A message names at most ten of many bad values, so that its size stays bounded.
	private static String firstOf(List<String> values) {
		String named = String.join(", ", values.stream().limit(10).map(LaunchInput::shown).toList());
		return (values.size() <= 10) ? named : named + " and " + (values.size() - 10) + " more";
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
			throw new IllegalArgumentException(
					"mode is incremental or full, not '" + shown(this.given.get("mode")) + "'.");
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
			throw new IllegalArgumentException(name + " is true or false, not '" + shown(this.given.get(name)) + "'.");
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
		// Only four-digit years: ISO parsing would take +999999999-12-31 or -4800-01-01.
		if (!DAY.matcher(value).matches()) {
			throw notADate(name, value);
		}
		try {
			LocalDate day = (value.length() == 8) ? LocalDate.parse(value, COMPACT) : LocalDate.parse(value);
			return DateWindow.check(name, day);
		}
		catch (DateTimeParseException ex) {
			throw notADate(name, value);
		}
	}

	private static IllegalArgumentException notADate(String name, String value) {
		return new IllegalArgumentException(
				name + " '" + shown(value) + "' is not a date; use YYYY-MM-DD, for example 2026-11-20.");
	}

	/**
	 * A typed value as a message may repeat it: at most 40 characters.
	 * @param value the value
	 * @return the value, cut with an ellipsis when longer
	 */
	public static String shown(String value) {
		return (value.length() <= 40) ? value : value.substring(0, 40) + "…";
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
