package com.marketbase.console;

/**
 * How an answer repeats what a request sent: cut short, so that an answer's size never
 * grows with the request's.
 */
public final class ConsoleText {

	/** The most characters of a sent value an answer repeats. */
	public static final int SHOWN = 40;

	private ConsoleText() {
	}

	/**
	 * A sent value as an answer may repeat it.
	 * @param value the value
	 * @return the value, cut with an ellipsis past {@link #SHOWN} characters
	 */
	public static String shown(Object value) {
		String text = String.valueOf(value);
		return (text.length() <= SHOWN) ? text : text.substring(0, SHOWN) + "…";
	}

	/**
	 * A sent value as a log line may carry it: cut short, and without line breaks or
	 * other control characters, so that it cannot forge a line of its own.
	 * @param value the value
	 * @return the value, control characters as {@code ?}, cut past 200 characters
	 */
	public static String printable(Object value) {
		return printable(value, 200);
	}

	/**
	 * A sent value as a log line may carry it, at most a given length.
	 * @param value the value
	 * @param most the most characters kept
	 * @return the value, control characters as {@code ?}, cut past {@code most}
	 */
	public static String printable(Object value, int most) {
		String text = String.valueOf(value).replaceAll("\\p{Cntrl}", "?");
		return (text.length() <= most) ? text : text.substring(0, most) + "…";
	}

}
