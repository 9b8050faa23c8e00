package com.marketbase.batch.source;

import java.math.BigDecimal;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reading source payloads: one mapper that keeps decimals exact, and the value readings
 * the connectors share. A value that cannot be read throws {@link NumberFormatException}
 * or {@link IllegalArgumentException}, which the connectors turn into a rejected row.
 */
public final class Json {

	/** Decimals stay {@link BigDecimal}s so that 7.352 reads back as 7.352. */
	public static final JsonMapper MAPPER = JsonMapper.builder()
		.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		// A NaN or Infinity some sources send for a missing price is read, so that its
		// row
		// is rejected with a reason instead of the whole answer being unreadable.
		.enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
		.build();

	private Json() {
	}

	/**
	 * Parses a body that should be a JSON object.
	 * @param body the body
	 * @return the object, or {@code null} when the body is not a JSON object
	 */
	public static JsonNode objectOrNull(String body) {
		try {
			JsonNode node = MAPPER.readTree(body);
			return (node != null && node.isObject()) ? node : null;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	/**
	 * A number sent as a JSON number or as a numeric string.
	 * @param node the value
	 * @return the number, or {@code null} for JSON null, a missing value or an empty
	 * string
	 */
	public static BigDecimal decimal(JsonNode node) {
		if (node == null || node.isNull() || node.isMissingNode()) {
			return null;
		}
		if (node.isNumber()) {
			if (node.isDouble() && !Double.isFinite(node.doubleValue())) {
				throw new IllegalArgumentException("not a number: " + node);
			}
			return node.decimalValue();
		}
		if (node.isString()) {
			String text = node.stringValue().strip();
			if (text.isEmpty()) {
				return null;
			}
			try {
				return new BigDecimal(text);
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException("not a number: " + node);
			}
		}
		throw new IllegalArgumentException("not a number: " + node);
	}

	/**
	 * A number that must be there.
	 * @param node the value
	 * @param name the field name, for the message
	 * @return the number
	 */
	public static BigDecimal requiredDecimal(JsonNode node, String name) {
		BigDecimal value = decimal(node);
		if (value == null) {
			throw new IllegalArgumentException(name + " is missing");
		}
		return value;
	}

	/**
	 * A text that may be absent.
	 * @param node the value
	 * @return the text, stripped, or {@code null} for JSON null, a missing value, a
	 * non-string or a blank string
	 */
	public static @Nullable String text(@Nullable JsonNode node) {
		if (node == null || !node.isString()) {
			return null;
		}
		String text = node.stringValue().strip();
		return text.isEmpty() ? null : text;
	}

	/**
	 * A text that must be there.
	 * @param node the value
	 * @param name the field name, for the message
	 * @return the text
	 */
	public static String requiredText(JsonNode node, String name) {
		if (node == null || node.isNull() || node.isMissingNode() || node.isContainer()) {
			throw new IllegalArgumentException(name + " is missing");
		}
		String text = node.asString().strip();
		if (text.isEmpty()) {
			throw new IllegalArgumentException(name + " is empty");
		}
		return text;
	}

}
