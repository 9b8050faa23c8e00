package com.marketbase.batch.sandbox;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An HTTP request as the protocol simulators see it.
 *
 * @param method the HTTP method
 * @param path the path, without the query
 * @param query the query parameters, decoded
 * @param referer the {@code Referer} header, empty when absent
 * @param body the body as UTF-8 text
 */
record SandboxRequest(String method, String path, Map<String, String> query, String referer, String body) {

	String param(String name) {
		return this.query.getOrDefault(name, "");
	}

	static Map<String, String> parseQuery(String rawQuery) {
		Map<String, String> query = new LinkedHashMap<>();
		if (rawQuery == null || rawQuery.isEmpty()) {
			return query;
		}
		for (String pair : rawQuery.split("&")) {
			int equals = pair.indexOf('=');
			String name = (equals < 0) ? pair : pair.substring(0, equals);
			String value = (equals < 0) ? "" : pair.substring(equals + 1);
			query.putIfAbsent(URLDecoder.decode(name, StandardCharsets.UTF_8),
					URLDecoder.decode(value, StandardCharsets.UTF_8));
		}
		return query;
	}

}
