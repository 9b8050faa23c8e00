package com.marketbase.batch.source.tushare;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

import com.marketbase.batch.source.AnswerShape;
import com.marketbase.batch.source.Json;
import com.marketbase.batch.source.PermanentSourceException;
import com.marketbase.batch.source.RateLimitedException;
import org.jspecify.annotations.Nullable;
import com.marketbase.batch.source.SourceHttp.Reply;
import com.marketbase.batch.source.SourceName;
import com.marketbase.batch.source.TransientSourceException;

/**
 * Reads Tushare answers and classifies their failures. All business errors arrive with
 * HTTP 200 and a non-zero {@code code}.
 */
final class TushareReplies {

	private TushareReplies() {
	}

	/**
	 * The table of a successful answer.
	 * @param apiName the API that was called
	 * @param reply the answer
	 * @return the table, empty when the answer has no rows
	 * @throws com.marketbase.batch.source.SourceException classified by the answer
	 */
	static TushareTable table(String apiName, Reply reply) {
		return table(SourceName.TUSHARE, apiName, reply);
	}

	/**
	 * The table of a successful answer from a server that speaks Tushare's protocol.
	 * @param source the server, for messages: Tushare Pro or the sandbox
	 * @param apiName the API that was called
	 * @param reply the answer
	 * @return the table, empty when the answer has no rows
	 * @throws com.marketbase.batch.source.SourceException classified by the answer
	 */
	static TushareTable table(SourceName source, String apiName, Reply reply) {
		if (reply.status() >= 500 || reply.status() == 408) {
			throw new TransientSourceException(source, apiName, "HTTP " + reply.status(), null);
		}
		if (reply.status() == 429) {
			throw new RateLimitedException(source, apiName, "HTTP 429");
		}
		if (reply.status() != 200) {
			throw new PermanentSourceException(source, apiName, "HTTP " + reply.status() + " " + reply.excerpt());
		}
		JsonNode body = Json.objectOrNull(reply.body());
		if (body == null) {
			String shape = AnswerShape.notJson(reply);
			throw new TransientSourceException(source, apiName,
					(shape != null) ? shape : "the answer is not a JSON object: " + reply.excerpt(), null);
		}
		if (!body.has("code")) {
			throw new TransientSourceException(source, apiName, "the answer is not Tushare JSON: " + reply.excerpt(),
					null);
		}
		int code = body.path("code").asInt(Integer.MIN_VALUE);
		String message = message(body);
		if (code != 0) {
			throw failure(source, apiName, code, message);
		}
		JsonNode data = body.path("data");
		JsonNode fields = data.path("fields");
		JsonNode items = data.path("items");
		if (!fields.isArray() || !items.isArray()) {
			throw new TransientSourceException(source, apiName, "the answer has no data.fields/data.items", null);
		}
		List<String> names = new ArrayList<>();
		fields.forEach((field) -> names.add(field.asString()));
		List<JsonNode> rows = new ArrayList<>();
		items.forEach(rows::add);
		return new TushareTable(names, rows);
	}

	private static String message(JsonNode body) {
		for (String key : List.of("msg", "message")) {
			JsonNode value = body.path(key);
			if (value.isString() && !value.stringValue().isBlank()) {
				return value.stringValue();
			}
		}
		return "";
	}

	/**
	 * The failure a non-zero code stands for.
	 * @param source the server
	 * @param apiName the API that was called
	 * @param code the code
	 * @param message the message text
	 * @return the classified failure
	 */
	static RuntimeException failure(SourceName source, String apiName, int code, String message) {
		String quoted = " (code " + code + ": " + message + ")";
		return switch (code) {
			case 40203 ->
				isRateLimit(message) ? new RateLimitedException(source, apiName, message.strip(), quotaWindow(message))
						: new PermanentSourceException(source, apiName,
								"the token has no permission for " + apiName + quoted);
			case 40101 -> message.contains("token")
					? new PermanentSourceException(source, apiName, "the token was not accepted" + quoted)
					: new PermanentSourceException(source, apiName, "the API name is unknown" + quoted);
			case 2002, -2002 ->
				new PermanentSourceException(source, apiName, "the token has no permission for " + apiName + quoted);
			case 50101, -1000 -> new TransientSourceException(source, apiName, "server error" + quoted, null);
			default -> new PermanentSourceException(source, apiName, "unexpected answer" + quoted);
		};
	}

	/**
	 * Whether a 40203 message is about frequency ("you may call this API at most N times
	 * per minute/hour/day", "frequency exceeded") rather than permission.
	 * @param message the message
	 * @return whether the call was rate limited
	 */
	static @Nullable Duration quotaWindow(String message) {
		// "每分钟最多访问该接口N次", and the realtime APIs' "频率超限(10次/小时)".
		if (message.contains("每分钟") || message.contains("次/分钟")) {
			return Duration.ofMinutes(1);
		}
		if (message.contains("每小时") || message.contains("次/小时")) {
			return Duration.ofHours(1);
		}
		if (message.contains("每天") || message.contains("每日") || message.contains("次/天") || message.contains("次/日")) {
			return Duration.ofDays(1);
		}
		return null;
	}

	static boolean isRateLimit(String message) {
		return message.contains("最多访问") || message.contains("频率超限");
	}

}
