package com.marketbase.batch.source;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;

import com.marketbase.batch.source.SourceHttp.Reply;

/**
 * What an answer that is not the JSON a connector expects is instead, said so that an
 * operator knows what happened without the payload: an HTML page (a maintenance page, a
 * captive portal) with its title, JSON cut off part way, JSON the parser refuses (a
 * {@code NaN}, say), or nothing at all; and a table whose required columns changed, which
 * is a change of the source's format rather than a day without data.
 */
public final class AnswerShape {

	// What Json.required* say of a value that is not there.
	private static final Pattern MISSING = Pattern.compile("(\\S+) is missing");

	private static final Pattern TITLE = Pattern.compile("(?is)<title[^>]*>(.*?)</title>");

	private AnswerShape() {
	}

	/**
	 * Why a body is not a JSON document, if it is not.
	 * @param reply the answer
	 * @return for example {@code answered an HTML page (title 维护中) instead of JSON}, or
	 * {@code null} when the body is JSON
	 */
	public static @Nullable String notJson(Reply reply) {
		String body = reply.body();
		String start = body.stripLeading();
		if (start.isEmpty()) {
			return "answered an empty body (HTTP " + reply.status() + ") instead of JSON";
		}
		if (start.startsWith("<")) {
			String text = htmlTitle(body);
			return "answered an HTML page (" + (text.isEmpty() ? "no title" : "title " + text) + ") instead of JSON";
		}
		try {
			Json.MAPPER.readTree(body);
			return null;
		}
		catch (JacksonException ex) {
			String reason = firstLine(ex.getOriginalMessage());
			if (reason.toLowerCase(Locale.ROOT).contains("end-of-input")) {
				return "answered truncated JSON (it ends after " + body.length() + " characters)";
			}
			return "answered JSON it cannot read (" + reason + " at character "
					+ Math.max(0, ex.getLocation() != null ? ex.getLocation().getCharOffset() : -1) + ")";
		}
	}

	/**
	 * The title of an HTML page, as a message may quote it.
	 * @param body the page
	 * @return its title with runs of white space as one space, cut past 60 characters;
	 * empty when it has none
	 */
	public static String htmlTitle(String body) {
		Matcher title = TITLE.matcher(body);
		String text = title.find() ? title.group(1).replaceAll("\\s+", " ").strip() : "";
		return (text.length() > 60) ? text.substring(0, 60) + "..." : text;
	}

	/**
	 * Refuses a table whose columns lack the one a row could not be read without: the
	 * source changed its format. A row that failed for another reason, or lacks a value
	 * of a column the answer has, is only a rejected row.
	 * @param failure why a row could not be read
	 * @param source the source
	 * @param endpoint the endpoint that was called
	 * @param came the columns the answer has
	 * @throws PermanentSourceException naming the missing column and the ones that came
	 */
	public static void requireColumnOf(RuntimeException failure, SourceName source, String endpoint,
			Collection<String> came) {
		String column = missingColumn(failure);
		if (column != null && !came.contains(column)) {
			requireColumns(source, endpoint, came, List.of(column));
		}
	}

	/**
	 * Refuses a table that lacks a column every row needs: the source changed its format,
	 * and reading on would reject every row as if the day had no data.
	 * @param source the source
	 * @param endpoint the endpoint that was called
	 * @param came the columns the answer has
	 * @param required the columns the connector reads
	 * @throws PermanentSourceException naming the missing columns and the ones that came
	 */
	public static void requireColumns(SourceName source, String endpoint, Collection<String> came,
			List<String> required) {
		List<String> missing = new ArrayList<>();
		for (String column : required) {
			if (!came.contains(column)) {
				missing.add(column);
			}
		}
		if (!missing.isEmpty()) {
			throw new PermanentSourceException(source, endpoint,
					"its answer has no column " + String.join(", ", missing) + " (it sent " + String.join(", ", came)
							+ "): the source changed its format, and Marketbase needs a new version to read it");
		}
	}

	/**
	 * The column a row could not be read without, when that is why it failed.
	 * @param failure why the row could not be read
	 * @return the column, or {@code null} when the row failed for another reason
	 */
	public static @Nullable String missingColumn(RuntimeException failure) {
		if (failure instanceof IllegalArgumentException && failure.getMessage() != null) {
			Matcher missing = MISSING.matcher(failure.getMessage());
			if (missing.matches()) {
				return missing.group(1);
			}
		}
		return null;
	}

	private static String firstLine(@Nullable String message) {
		if (message == null) {
			return "no reason given";
		}
		int newline = message.indexOf('\n');
		String line = (newline > 0) ? message.substring(0, newline) : message;
		return (line.length() <= 120) ? line.strip() : line.substring(0, 120).strip() + "...";
	}

}
