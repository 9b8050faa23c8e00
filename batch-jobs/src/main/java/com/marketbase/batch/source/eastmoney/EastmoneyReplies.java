package com.marketbase.batch.source.eastmoney;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import com.marketbase.batch.source.BadDataException;
import com.marketbase.batch.source.AnswerShape;
import com.marketbase.batch.source.Json;
import com.marketbase.batch.source.PermanentSourceException;
import com.marketbase.batch.source.RateLimitedException;
import com.marketbase.batch.source.SourceHttp.Reply;
import com.marketbase.batch.source.SourceName;
import com.marketbase.batch.source.TransientSourceException;
import com.marketbase.batch.source.Units;

/**
 * Reads Eastmoney's {@code lsjz} pages and {@code fundgz} estimates and classifies their
 * failures. Business errors arrive with HTTP 200: {@code lsjz} as a non-zero
 * {@code ErrCode}, and both as an HTML page where JSON was expected.
 */
final class EastmoneyReplies {

	private static final SourceName EASTMONEY = SourceName.EASTMONEY;

	private static final Pattern JSONP = Pattern.compile("^\\s*([A-Za-z_$][\\w$]*)\\((.*)\\)\\s*;?\\s*$",
			Pattern.DOTALL);

	private static final DateTimeFormatter ESTIMATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

	private EastmoneyReplies() {
	}

	/**
	 * The body of one {@code lsjz} page, checked.
	 * @param reply the answer, JSON or JSON wrapped in a JSONP callback
	 * @return the body, with {@code ErrCode} 0 and a {@code Data.LSJZList} array
	 * @throws com.marketbase.batch.source.SourceException classified by the answer
	 */
	static JsonNode navPage(Reply reply) {
		String endpoint = EastmoneyClient.NAV_HISTORY;
		checkStatus(endpoint, reply);
		JsonNode body = Json.objectOrNull(unwrapJsonp(reply.body()));
		if (body == null && isHtml(reply.body())) {
			throw htmlPage(endpoint, reply, "JSON");
		}
		if (body == null) {
			String shape = AnswerShape.notJson(new Reply(reply.status(), unwrapJsonp(reply.body())));
			throw new TransientSourceException(EASTMONEY, endpoint,
					(shape != null) ? shape : "the answer is not lsjz JSON: " + reply.excerpt(), null);
		}
		if (!body.has("ErrCode")) {
			throw new TransientSourceException(EASTMONEY, endpoint, "the answer is not lsjz JSON: " + reply.excerpt(),
					null);
		}
		int errCode = body.path("ErrCode").asInt(Integer.MIN_VALUE);
		if (errCode == -999) {
			throw new PermanentSourceException(EASTMONEY, endpoint,
					"the request was refused with ErrCode -999, which it answers when the Referer header is missing");
		}
		if (errCode != 0) {
			throw new PermanentSourceException(EASTMONEY, endpoint,
					"ErrCode " + errCode + " (" + body.path("ErrMsg").asString("") + ")");
		}
		if (!body.path("Data").isObject() || !body.path("Data").path("LSJZList").isArray()) {
			throw new TransientSourceException(EASTMONEY, endpoint, "the answer has no Data.LSJZList", null);
		}
		return body;
	}

	/**
	 * Reads a {@code fundgz} answer.
	 * @param reply the answer, {@code jsonpgz({...});}
	 * @return the estimate, empty for {@code jsonpgz();}
	 * @throws com.marketbase.batch.source.SourceException classified by the answer
	 */
	static Optional<FundEstimate> estimate(Reply reply) {
		String endpoint = EastmoneyClient.ESTIMATE;
		// The retired endpoint redirects to the not-found page; a redirect the transport
		// did not follow, or that page's own 404, is the same retirement.
		if (isRedirect(reply.status()) || reply.status() == 404) {
			throw retired(reply);
		}
		checkStatus(endpoint, reply);
		String body = reply.body().strip();
		Matcher jsonp = JSONP.matcher(body);
		if (!jsonp.matches() || !jsonp.group(1).equals("jsonpgz")) {
			if (isNotFoundPage(body)) {
				throw retired(reply);
			}
			if (isHtml(body)) {
				throw htmlPage(endpoint, reply, "JSONP");
			}
			throw new TransientSourceException(EASTMONEY, endpoint,
					"the answer is not jsonpgz(...): " + reply.excerpt(), null);
		}
		if (jsonp.group(2).isBlank()) {
			return Optional.empty();
		}
		JsonNode estimate = Json.objectOrNull(jsonp.group(2));
		if (estimate == null) {
			throw new TransientSourceException(EASTMONEY, endpoint,
					"the estimate is not a JSON object: " + reply.excerpt(), null);
		}
		try {
			return Optional.of(new FundEstimate(Json.requiredText(estimate.get("fundcode"), "fundcode"),
					Json.requiredText(estimate.get("name"), "name"),
					LocalDate.parse(Json.requiredText(estimate.get("jzrq"), "jzrq")),
					Json.requiredDecimal(estimate.get("dwjz"), "dwjz"),
					Json.requiredDecimal(estimate.get("gsz"), "gsz"),
					Json.requiredDecimal(estimate.get("gszzl"), "gszzl"), Units.beijing(
							LocalDateTime.parse(Json.requiredText(estimate.get("gztime"), "gztime"), ESTIMATE_TIME))));
		}
		catch (RuntimeException ex) {
			throw new BadDataException(EASTMONEY, endpoint, "Eastmoney estimate of "
					+ estimate.path("fundcode").asString("?") + " rejected: " + ex.getMessage());
		}
	}

	/**
	 * Reads a {@code FundValuationLast} answer: {@code {"data":[...],"success":true,...}}
	 * with every number a string, {@code null} (or {@code --}) where there is no value.
	 * @param reply the answer
	 * @return the valuations, in the answer's order
	 * @throws com.marketbase.batch.source.SourceException classified by the answer
	 */
	static List<FundValuation> valuations(Reply reply) {
		String endpoint = EastmoneyClient.VALUATION;
		checkStatus(endpoint, reply);
		if (isHtml(reply.body())) {
			throw htmlPage(endpoint, reply, "JSON");
		}
		JsonNode body = Json.objectOrNull(reply.body());
		if (body == null || !body.has("success")) {
			throw new TransientSourceException(EASTMONEY, endpoint,
					"the answer is not FundValuationLast JSON: " + reply.excerpt(), null);
		}
		if (!body.path("success").asBoolean(false)) {
			// A refused request (too many codes, a changed parameter) is refused again.
			throw new PermanentSourceException(EASTMONEY, endpoint, "refused with errorCode "
					+ body.path("errorCode").asString("?") + " (" + body.path("firstError").asString("") + ")");
		}
		List<FundValuation> valuations = new ArrayList<>();
		for (JsonNode row : body.path("data")) {
			String code = text(row.get("FCODE"));
			if (code == null) {
				continue;
			}
			try {
				String time = text(row.get("GZTIME"));
				String navDate = text(row.get("PDATE"));
				valuations
					.add(new FundValuation(code, (text(row.get("SHORTNAME")) != null) ? text(row.get("SHORTNAME")) : "",
							number(row.get("NAV")), (navDate != null) ? LocalDate.parse(navDate) : null,
							number(row.get("GSZ")), number(row.get("GSZZL")),
							(time != null) ? Units.beijing(LocalDateTime.parse(time, ESTIMATE_TIME)) : null));
			}
			catch (RuntimeException ex) {
				throw new BadDataException(EASTMONEY, endpoint,
						"Eastmoney valuation of " + code + " rejected: " + ex.getMessage());
			}
		}
		return valuations;
	}

	/** Eastmoney writes "--" where it has no value. */
	private static @Nullable String text(@Nullable JsonNode node) {
		String text = Json.text(node);
		return "--".equals(text) ? null : text;
	}

	private static @Nullable BigDecimal number(@Nullable JsonNode node) {
		return (node != null && node.isString() && "--".equals(node.stringValue().strip())) ? null : Json.decimal(node);
	}

	private static void checkStatus(String endpoint, Reply reply) {
		if (reply.status() >= 500 || reply.status() == 408) {
			throw new TransientSourceException(EASTMONEY, endpoint, "HTTP " + reply.status(), null);
		}
		if (reply.status() == 429) {
			throw new RateLimitedException(EASTMONEY, endpoint, "HTTP 429");
		}
		// The transport follows redirects, so one that arrives here is one it would not
		// follow (HTTPS to HTTP, no Location): repeating the call ends the same way.
		if (isRedirect(reply.status())) {
			throw new PermanentSourceException(EASTMONEY, endpoint, "HTTP " + reply.status()
					+ ", a redirect that was not followed" + (reply.excerpt().isEmpty() ? "" : ": " + reply.excerpt()));
		}
		if (reply.status() != 200) {
			throw new PermanentSourceException(EASTMONEY, endpoint, "HTTP " + reply.status() + " " + reply.excerpt());
		}
	}

	private static boolean isRedirect(int status) {
		return status >= 300 && status < 400;
	}

	/**
	 * The failure for {@code fundgz.1234567.com.cn/js/{code}.js}, which has answered 301
	 * to {@code fund.eastmoney.com/notfound.html} since 2026-07-20: no retry brings it
	 * back, so it is permanent.
	 * @param reply the redirect, the 404 or the not-found page
	 * @return the failure
	 */
	private static PermanentSourceException retired(Reply reply) {
		return new PermanentSourceException(EASTMONEY, EastmoneyClient.ESTIMATE,
				"Eastmoney retired fundgz, whose js/{code}.js estimates have answered with its not-found page since"
						+ " 2026-07-20 (HTTP " + reply.status() + ")");
	}

	// Followed, the retirement redirect ends on notfound.html with HTTP 200; the page
	// names itself in its links and scripts.
	private static boolean isNotFoundPage(String body) {
		return isHtml(body) && body.toLowerCase(Locale.ROOT).contains("notfound");
	}

	// JSON and JSONP never begin with a tag.
	private static boolean isHtml(String body) {
		return body.stripLeading().startsWith("<");
	}

	/**
	 * The failure for an HTML page where JSON was expected: a captive portal, a WAF or a
	 * maintenance page, which usually passes.
	 * @param endpoint the endpoint that was called
	 * @param reply the answer
	 * @param expected what was expected, for the message
	 * @return the failure, naming the page's title where it has one
	 */
	private static TransientSourceException htmlPage(String endpoint, Reply reply, String expected) {
		String text = AnswerShape.htmlTitle(reply.body());
		String cause = text.isEmpty() ? "it answered an HTML page instead of " + expected + ": " + reply.excerpt()
				: "it answered an HTML page (title " + text + ") instead of " + expected;
		return new TransientSourceException(EASTMONEY, endpoint, cause, null);
	}

	private static String unwrapJsonp(String body) {
		Matcher jsonp = JSONP.matcher(body);
		return jsonp.matches() ? jsonp.group(2) : body;
	}

}
