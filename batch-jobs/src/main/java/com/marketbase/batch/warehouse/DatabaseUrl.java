package com.marketbase.batch.warehouse;

import java.util.regex.Pattern;

/**
 * A JDBC URL that can be shown: passwords, whether in the query string or as user info,
 * are replaced by {@code ****}.
 *
 * @param value the URL as configured
 */
public record DatabaseUrl(String value) {

	private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)([?&;](?:[a-z]*password|pwd)=)[^&;]*");

	private static final Pattern USER_INFO = Pattern.compile("(//[^/:@]+:)[^@/]*@");

	/**
	 * The URL with every password hidden.
	 * @return the redacted URL
	 */
	public String redacted() {
		String withoutParameter = PASSWORD_PARAMETER.matcher(this.value).replaceAll("$1****");
		return USER_INFO.matcher(withoutParameter).replaceAll("$1****@");
	}

	@Override
	public String toString() {
		return redacted();
	}

}
