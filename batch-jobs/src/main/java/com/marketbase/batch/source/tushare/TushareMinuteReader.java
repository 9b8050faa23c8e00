package com.marketbase.batch.source.tushare;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;

import com.marketbase.batch.warehouse.Bar;
import com.marketbase.batch.support.rows.Fetched;
import com.marketbase.batch.source.Json;
import com.marketbase.batch.support.rows.RejectedRow;
import com.marketbase.batch.source.SourceHttp.Reply;
import com.marketbase.batch.source.SourceName;
import com.marketbase.batch.source.Units;

/**
 * Reads a successful {@code stk_mins} answer in one streaming pass, straight into bars:
 * no JSON tree, no row maps, decimals made from the digits as sent (so 7.352 stays
 * 7.352). Minute answers are the bulk of what the warehouse reads, thousands of rows a
 * call.
 * <p>
 * It gives exactly what the general reading ({@link TushareReplies#table} and
 * {@link TushareClient#minuteBar}) gives. Columns are found by name in {@code fields}, in
 * whatever order the server sends them. A row it cannot read at full speed (a number sent
 * as a string, a time in another layout, a missing value) and a row whose bar cannot be
 * true are read again the general way, so that the bar, or the rejection with its reason
 * and raw row, is the same. An answer of any other shape (an error, a body that is not
 * JSON, {@code items} before {@code fields}) is left to the general reading, which
 * classifies it.
 */
final class TushareMinuteReader {

	private static final String API = "stk_mins";

	private final String api;

	private static final int TS_CODE = 0;

	private static final int TRADE_TIME = 1;

	private static final int OPEN = 2;

	private static final int HIGH = 3;

	private static final int LOW = 4;

	private static final int CLOSE = 5;

	private static final int VOL = 6;

	private static final int AMOUNT = 7;

	private static final int OTHER = -1;

	private static final List<String> COLUMNS = List.of("ts_code", "trade_time", "open", "high", "low", "close", "vol",
			"amount");

	private static final ZoneRules BEIJING = Units.BEIJING.getRules();

	private final String body;

	private final List<Bar> bars = new ArrayList<>();

	private final List<RejectedRow> rejected = new ArrayList<>();

	private int size;

	private Map<String, Integer> index;

	private JsonNode tree;

	// The values of the row being read: text as offsets into the shared buffer, numbers
	// parsed.
	private final BigDecimal[] decimals = new BigDecimal[8];

	private final boolean[] present = new boolean[8];

	private String symbol;

	private long epochSecond;

	// The Beijing day last seen, with the UTC second of its midnight.
	private int cachedDate = -1;

	private long cachedMidnight;

	private final String source;

	private TushareMinuteReader(String source, String api, String body) {
		this.source = source;
		this.api = api;
		this.body = body;
	}

	/**
	 * Reads a {@code stk_mins} answer if it is a success of the usual shape.
	 * @param reply the answer
	 * @return its rows, or {@code null} when the answer must be read the general way
	 */
	static MinuteRows read(Reply reply) {
		return read("tushare", API, reply);
	}

	/**
	 * Reads a {@code stk_mins} answer if it is a success of the usual shape.
	 * @param source the key of the server that answered, for rejected rows
	 * @param api the API that answered ({@code stk_mins} or {@code idx_mins}, of one
	 * shape), for rejected rows
	 * @param reply the answer
	 * @return its rows, or {@code null} when the answer must be read the general way
	 */
	static MinuteRows read(String source, String api, Reply reply) {
		if (reply.status() != 200) {
			return null;
		}
		TushareMinuteReader reader = new TushareMinuteReader(source, api, reply.body());
		// Bytes parse faster than the string's characters.
		try (JsonParser parser = Json.MAPPER.createParser(reply.body().getBytes(StandardCharsets.UTF_8))) {
			return reader.answer(parser) ? new MinuteRows(reader.size, new Fetched<>(reader.bars, reader.rejected))
					: null;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	/**
	 * The rows of one {@code stk_mins} answer.
	 *
	 * @param size rows the server sent, read or rejected (to tell whether the answer
	 * reached the row cap)
	 * @param bars the bars read and the rows rejected, in the server's order
	 */
	record MinuteRows(int size, Fetched<Bar> bars) {
	}

	private boolean answer(JsonParser parser) {
		if (parser.nextToken() != JsonToken.START_OBJECT) {
			return false;
		}
		boolean success = false;
		boolean hasCode = false;
		boolean hasData = false;
		while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
			String name = parser.currentName();
			JsonToken value = parser.nextToken();
			if ("code".equals(name)) {
				if (hasCode || value != JsonToken.VALUE_NUMBER_INT) {
					return false;
				}
				hasCode = true;
				success = parser.getString().equals("0");
			}
			else if ("data".equals(name)) {
				if (hasData || value != JsonToken.START_OBJECT || !data(parser)) {
					return false;
				}
				hasData = true;
			}
			else {
				parser.skipChildren();
			}
		}
		return success && hasData && parser.nextToken() == null;
	}

	private boolean data(JsonParser parser) {
		int[] roles = null;
		boolean items = false;
		while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
			String name = parser.currentName();
			JsonToken value = parser.nextToken();
			if ("fields".equals(name)) {
				if (roles != null || items || value != JsonToken.START_ARRAY) {
					return false;
				}
				roles = fields(parser);
				if (roles == null) {
					return false;
				}
			}
			else if ("items".equals(name)) {
				if (roles == null || items || value != JsonToken.START_ARRAY || !items(parser, roles)) {
					return false;
				}
				items = true;
			}
			else {
				parser.skipChildren();
			}
		}
		return items;
	}

	/** Column roles by position; a name sent twice counts at its last position. */
	private int[] fields(JsonParser parser) {
		List<String> names = new ArrayList<>();
		JsonToken token;
		while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
			if (token != JsonToken.VALUE_STRING) {
				return null;
			}
			names.add(parser.getString());
		}
		// Without a column every bar needs, the general reading names the change of
		// format.
		if (!names.containsAll(COLUMNS)) {
			return null;
		}
		this.index = new HashMap<>();
		for (int i = 0; i < names.size(); i++) {
			this.index.put(names.get(i), i);
		}
		int[] roles = new int[names.size()];
		for (int i = 0; i < roles.length; i++) {
			int role = COLUMNS.indexOf(names.get(i));
			roles[i] = (role >= 0 && this.index.get(names.get(i)) == i) ? role : OTHER;
		}
		return roles;
	}

	private boolean items(JsonParser parser, int[] roles) {
		JsonToken token;
		while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
			if (token != JsonToken.START_ARRAY) {
				return false;
			}
			boolean fast = row(parser, roles);
			int position = this.size++;
			Bar bar = fast ? bar() : null;
			if (bar == null || bar.implausibility() != null) {
				readTheGeneralWay(position);
			}
			else {
				this.bars.add(bar);
			}
		}
		return true;
	}

	/** Reads one row's values; {@code false} when one is not of the usual kind. */
	private boolean row(JsonParser parser, int[] roles) {
		Arrays.fill(this.present, false);
		boolean fast = true;
		int position = 0;
		JsonToken token;
		while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
			int role = (position < roles.length) ? roles[position] : OTHER;
			position++;
			if (token == JsonToken.START_ARRAY || token == JsonToken.START_OBJECT) {
				parser.skipChildren();
				fast &= role == OTHER;
				continue;
			}
			if (role == OTHER) {
				continue;
			}
			this.present[role] = true;
			if (role == TS_CODE) {
				fast &= token == JsonToken.VALUE_STRING && symbol(parser);
			}
			else if (role == TRADE_TIME) {
				fast &= token == JsonToken.VALUE_STRING && time(parser);
			}
			else {
				BigDecimal value = (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT)
						? decimal(parser.getStringCharacters(), parser.getStringOffset(), parser.getStringLength())
						: null;
				this.decimals[role] = value;
				fast &= value != null;
			}
		}
		for (boolean value : this.present) {
			fast &= value;
		}
		return fast;
	}

	private Bar bar() {
		try {
			return new Bar(this.symbol, Instant.ofEpochSecond(this.epochSecond), this.decimals[OPEN],
					this.decimals[HIGH], this.decimals[LOW], this.decimals[CLOSE],
					Units.wholeShares(this.decimals[VOL]), this.decimals[AMOUNT]);
		}
		catch (ArithmeticException ex) {
			return null;
		}
	}

	/** The code, the same string as the last row's when it is the same code. */
	private boolean symbol(JsonParser parser) {
		char[] chars = parser.getStringCharacters();
		int offset = parser.getStringOffset();
		int length = parser.getStringLength();
		if (length == 0 || Character.isWhitespace(chars[offset])
				|| Character.isWhitespace(chars[offset + length - 1])) {
			return false;
		}
		String last = this.symbol;
		if (last != null && last.length() == length) {
			boolean same = true;
			for (int i = 0; i < length && same; i++) {
				same = last.charAt(i) == chars[offset + i];
			}
			if (same) {
				return true;
			}
		}
		this.symbol = new String(chars, offset, length);
		return true;
	}

	/** {@code yyyy-MM-dd HH:mm:ss} in Beijing; any other layout is left to the parser. */
	private boolean time(JsonParser parser) {
		char[] c = parser.getStringCharacters();
		int o = parser.getStringOffset();
		if (parser.getStringLength() != 19 || c[o + 4] != '-' || c[o + 7] != '-' || c[o + 10] != ' ' || c[o + 13] != ':'
				|| c[o + 16] != ':') {
			return false;
		}
		int year = digits(c, o, 4);
		int month = digits(c, o + 5, 2);
		int day = digits(c, o + 8, 2);
		int hour = digits(c, o + 11, 2);
		int minute = digits(c, o + 14, 2);
		int second = digits(c, o + 17, 2);
		if (year < 1900 || month < 1 || month > 12 || day < 1 || (day > 28 && !validDay(year, month, day))
				|| (hour | minute | second) < 0 || hour > 23 || minute > 59 || second > 59) {
			return false;
		}
		int date = year * 10000 + month * 100 + day;
		if (date != this.cachedDate && !cacheDay(year, month, day, date)) {
			return false;
		}
		this.epochSecond = this.cachedMidnight + hour * 3600L + minute * 60L + second;
		return true;
	}

	private static boolean validDay(int year, int month, int day) {
		return day <= LocalDate.of(year, month, 1).lengthOfMonth();
	}

	/** Remembers a day whose offset from UTC holds all day (every day since 1991). */
	private boolean cacheDay(int year, int month, int day, int date) {
		LocalDate local = LocalDate.of(year, month, day);
		Instant midnight = Units.beijing(local.atStartOfDay());
		ZoneOffsetTransition next = BEIJING.nextTransition(midnight);
		if (BEIJING.getTransition(local.atStartOfDay()) != null
				|| (next != null && next.getInstant().getEpochSecond() < midnight.getEpochSecond() + 86400)) {
			return false;
		}
		this.cachedDate = date;
		this.cachedMidnight = midnight.getEpochSecond();
		return true;
	}

	private static int digits(char[] chars, int offset, int count) {
		int value = 0;
		for (int i = offset; i < offset + count; i++) {
			char c = chars[i];
			if (c < '0' || c > '9') {
				return -1_000_000;
			}
			value = value * 10 + (c - '0');
		}
		return value;
	}

	/**
	 * A JSON number as {@code new BigDecimal(text)} reads it (same digits, same scale),
	 * or {@code null} when it has too many digits to be read this way.
	 */
	static BigDecimal decimal(char[] chars, int offset, int length) {
		int i = offset;
		int end = offset + length;
		boolean negative = i < end && chars[i] == '-';
		if (negative) {
			i++;
		}
		long unscaled = 0;
		int digits = 0;
		int scale = 0;
		boolean point = false;
		for (; i < end; i++) {
			char c = chars[i];
			if (c >= '0' && c <= '9') {
				if (++digits > 18) {
					return null;
				}
				unscaled = unscaled * 10 + (c - '0');
				scale += point ? 1 : 0;
			}
			else if (c == '.' && !point) {
				point = true;
			}
			else {
				break;
			}
		}
		if (digits == 0) {
			return null;
		}
		if (i < end) {
			if (chars[i] != 'e' && chars[i] != 'E' || ++i == end) {
				return null;
			}
			boolean negativeExponent = chars[i] == '-';
			if (chars[i] == '-' || chars[i] == '+') {
				i++;
			}
			if (i == end || end - i > 4) {
				return null;
			}
			int exponent = digits(chars, i, end - i);
			if (exponent < 0) {
				return null;
			}
			scale += negativeExponent ? exponent : -exponent;
		}
		return BigDecimal.valueOf(negative ? -unscaled : unscaled, scale);
	}

	/**
	 * The general reading of one row: the same bar, or the same rejection with the row as
	 * the tree prints it.
	 */
	private void readTheGeneralWay(int position) {
		if (this.tree == null) {
			// Rare enough to read the whole answer again, as a tree.
			this.tree = Json.MAPPER.readTree(this.body).path("data").path("items");
		}
		TushareTable.Row row = new TushareTable.Row(this.index, this.tree.path(position));
		String reason;
		try {
			Bar bar = TushareClient.minuteBar(row);
			reason = bar.implausibility();
			if (reason == null) {
				this.bars.add(bar);
				return;
			}
		}
		catch (RuntimeException ex) {
			reason = "cannot read the row: " + ex.getMessage();
		}
		JsonNode code = row.get("ts_code");
		this.rejected.add(new RejectedRow(this.source, this.api, code.isString() ? code.stringValue() : null, reason,
				row.toString()));
	}

}
