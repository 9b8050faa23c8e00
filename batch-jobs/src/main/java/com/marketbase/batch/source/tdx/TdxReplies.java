package com.marketbase.batch.source.tdx;

import tools.jackson.databind.JsonNode;

import com.marketbase.batch.source.AnswerShape;
import com.marketbase.batch.source.Json;
import com.marketbase.batch.source.PermanentSourceException;
import com.marketbase.batch.source.RateLimitedException;
import com.marketbase.batch.source.SourceHttp.Reply;
import com.marketbase.batch.source.SourceName;
import com.marketbase.batch.source.TransientSourceException;

/**
 * Reads the gateway's {@code {code, message, data}} envelope and classifies its failures.
 */
final class TdxReplies {

	private static final SourceName TDX = SourceName.TDX;

	private TdxReplies() {
	}

	/**
	 * The {@code data} of a successful answer.
	 * @param endpoint the endpoint that was called
	 * @param reply the answer
	 * @return the data node (possibly JSON null)
	 * @throws com.marketbase.batch.source.SourceException classified by the answer
	 */
	static JsonNode data(String endpoint, Reply reply) {
		JsonNode body = body(endpoint, reply);
		if (!body.has("code")) {
			throw new TransientSourceException(TDX, endpoint, "the answer has no envelope: " + reply.excerpt(), null);
		}
		int code = body.path("code").asInt(Integer.MIN_VALUE);
		if (code != 0) {
			throw failure(endpoint, body.path("message").asString(""));
		}
		return body.path("data");
	}

	/**
	 * The body of an answer that must be a JSON object, such as {@code /api/health}'s.
	 * @param endpoint the endpoint that was called
	 * @param reply the answer
	 * @return the body
	 */
	static JsonNode body(String endpoint, Reply reply) {
		if (reply.status() >= 500 || reply.status() == 408) {
			throw new TransientSourceException(TDX, endpoint, "HTTP " + reply.status(), null);
		}
		if (reply.status() == 429) {
			throw new RateLimitedException(TDX, endpoint, "HTTP 429");
		}
		if (reply.status() == 404) {
			throw new PermanentSourceException(TDX, endpoint,
					"the gateway does not serve " + endpoint + " (HTTP 404: " + reply.excerpt() + ")");
		}
		if (reply.status() != 200) {
			throw new PermanentSourceException(TDX, endpoint, "HTTP " + reply.status() + " " + reply.excerpt());
		}
		JsonNode body = Json.objectOrNull(reply.body());
		if (body == null) {
			String shape = AnswerShape.notJson(reply);
			throw new TransientSourceException(TDX, endpoint,
					(shape != null) ? shape : "the answer is not a JSON object: " + reply.excerpt(), null);
		}
		return body;
	}

	/**
	 * The failure a code -1 message stands for. The gateway uses -1 for everything; its
	 * messages tell a failed upstream fetch ("获取K线失败: ...", "交易日模块未初始化"), which may pass,
	 * from a request it refuses ("股票代码不能为空", "... 参数格式错误"), which will not.
	 * @param endpoint the endpoint
	 * @param message the message
	 * @return the failure
	 */
	static RuntimeException failure(String endpoint, String message) {
		if (message.contains("失败") || message.contains("未初始化") || message.contains("超时")) {
			return new TransientSourceException(TDX, endpoint, "the gateway could not fetch the data (" + message + ")",
					null);
		}
		return new PermanentSourceException(TDX, endpoint, "the gateway refused the request (" + message + ")");
	}

}
