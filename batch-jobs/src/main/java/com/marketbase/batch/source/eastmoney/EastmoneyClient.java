package com.marketbase.batch.source.eastmoney;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

import com.marketbase.batch.source.BadDataException;
import com.marketbase.batch.support.rows.Fetched;
import com.marketbase.batch.source.Json;
import com.marketbase.batch.source.PermanentSourceException;
import com.marketbase.batch.source.RateLimitedException;
import com.marketbase.batch.support.rows.RejectedRow;
import com.marketbase.batch.source.SourceGate;
import com.marketbase.batch.source.SourceHttp;
import com.marketbase.batch.source.SourceHttp.Reply;
import com.marketbase.batch.source.SourceName;
import com.marketbase.batch.source.TransientSourceException;
import com.marketbase.batch.source.Units;

/**
 * Reads Eastmoney's fund APIs: NAV history and intraday estimates.
 */
public final class EastmoneyClient {

	/** The most rows {@code lsjz} returns per page, whatever page size is asked for. */
	public static final int PAGE_SIZE = 20;

	static final String NAV_HISTORY = "f10/lsjz";

	static final String ESTIMATE = "fundgz";

	private static final Pattern JSONP = Pattern.compile("^\\s*([A-Za-z_$][\\w$]*)\\((.*)\\)\\s*;?\\s*$",
			Pattern.DOTALL);

	private static final DateTimeFormatter ESTIMATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

	private final SourceHttp navs;

	private final SourceHttp estimates;

	private final SourceGate gate;

	/**
	 * A client for both APIs, which live on different hosts.
	 * @param navs the transport to {@code api.fund.eastmoney.com} (or a sandbox)
	 * @param estimates the transport to {@code fundgz.1234567.com.cn} (or a sandbox)
	 * @param gate quota and retries
	 */
	public EastmoneyClient(SourceHttp navs, SourceHttp estimates, SourceGate gate) {
		this.navs = navs;
		this.estimates = estimates;
		this.gate = gate;
	}

	/**
	 * A fund's NAVs (or money-market incomes) between two days, read page by page.
	 * @param code the six-digit fund code
	 * @param start the first day
	 * @param end the last day
	 * @return the days, oldest first; an unknown fund has none
	 */
	public Fetched<FundDay> navHistory(String code, LocalDate start, LocalDate end) {
		Map<LocalDate, FundDay> days = new TreeMap<>();
		List<RejectedRow> rejected = new ArrayList<>();
		int total = Integer.MAX_VALUE;
		int received = 0;
		for (int page = 1; received < total; page++) {
			String query = "/f10/lsjz?fundCode=" + code + "&pageIndex=" + page + "&pageSize=" + PAGE_SIZE
					+ "&startDate=" + start + "&endDate=" + end;
			JsonNode body = this.gate.call(NAV_HISTORY, () -> navPage(this.navs.get(NAV_HISTORY, query,
					Map.of("Referer", "http://fundf10.eastmoney.com/jjjz_" + code + ".html"))));
			total = body.path("TotalCount").asInt(0);
			JsonNode data = body.path("Data");
			JsonNode rows = data.path("LSJZList");
			if (rows.isEmpty()) {
				if (received < total) {
					throw new TransientSourceException(
							SourceName.EASTMONEY, NAV_HISTORY, "page " + page + " of fund " + code
									+ " is empty although " + total + " rows were announced and " + received + " read",
							null);
				}
				break;
			}
			boolean moneyMarket = "每万份收益".equals(data.path("SYType").asString(""))
					|| "005".equals(data.path("FundType").asString(""));
			for (JsonNode row : rows) {
				received++;
				try {
					FundDay day = fundDay(code, row, moneyMarket);
					days.put(day.date(), day);
				}
				catch (RuntimeException ex) {
					rejected.add(new RejectedRow(SourceName.EASTMONEY.key(), NAV_HISTORY, code, ex.getMessage(),
							row.toString()));
				}
			}
		}
		List<FundDay> items = new ArrayList<>(days.values());
		items.sort(Comparator.comparing(FundDay::date));
		return new Fetched<>(items, rejected);
	}

	/**
	 * The body of one {@code lsjz} page, checked.
	 * @param reply the answer
	 * @return the body
	 */
	static JsonNode navPage(Reply reply) {
		JsonNode body = Json.objectOrNull(unwrapJsonp(checkStatus(NAV_HISTORY, reply).body()));
		if (body == null || !body.has("ErrCode")) {
			throw new TransientSourceException(SourceName.EASTMONEY, NAV_HISTORY,
					"the answer is not lsjz JSON: " + reply.excerpt(), null);
		}
		int errCode = body.path("ErrCode").asInt(Integer.MIN_VALUE);
		if (errCode == -999) {
			throw new PermanentSourceException(SourceName.EASTMONEY, NAV_HISTORY,
					"the request was refused with ErrCode -999, which it answers when the Referer header is missing");
		}
		if (errCode != 0) {
			throw new PermanentSourceException(SourceName.EASTMONEY, NAV_HISTORY,
					"ErrCode " + errCode + " (" + body.path("ErrMsg").asString("") + ")");
		}
		if (!body.path("Data").isObject() || !body.path("Data").path("LSJZList").isArray()) {
			throw new TransientSourceException(SourceName.EASTMONEY, NAV_HISTORY, "the answer has no Data.LSJZList",
					null);
		}
		return body;
	}

	private static FundDay fundDay(String code, JsonNode row, boolean moneyMarket) {
		LocalDate date = LocalDate.parse(Json.requiredText(row.get("FSRQ"), "FSRQ"));
		BigDecimal unit = Json.requiredDecimal(row.get("DWJZ"), "DWJZ");
		BigDecimal accumulated = Json.decimal(row.get("LJJZ"));
		if (moneyMarket) {
			if (accumulated == null) {
				throw new IllegalArgumentException("LJJZ (7-day yield) is missing");
			}
			return new MoneyFundIncome(code, date, unit, accumulated);
		}
		if (unit.signum() <= 0) {
			throw new IllegalArgumentException("DWJZ " + unit.toPlainString() + " is not a positive NAV");
		}
		if (accumulated != null && accumulated.signum() <= 0) {
			throw new IllegalArgumentException("LJJZ " + accumulated.toPlainString() + " is not a positive NAV");
		}
		return new FundNav(code, date, unit, accumulated, Json.decimal(row.get("JZZZL")));
	}

	/**
	 * The intraday estimate of a fund.
	 * @param code the six-digit fund code
	 * @return the estimate; empty when Eastmoney has none (money-market funds, some QDII
	 * and new funds, unknown codes)
	 */
	public Optional<FundEstimate> estimate(String code) {
		String path = "/js/" + code + ".js?rt=" + System.currentTimeMillis();
		return this.gate.call(ESTIMATE, () -> estimateOf(this.estimates.get(ESTIMATE, path, Map.of())));
	}

	/**
	 * Reads a {@code fundgz} answer.
	 * @param reply the answer
	 * @return the estimate, empty for {@code jsonpgz();}
	 */
	static Optional<FundEstimate> estimateOf(Reply reply) {
		String body = checkStatus(ESTIMATE, reply).body().strip();
		Matcher jsonp = JSONP.matcher(body);
		if (!jsonp.matches() || !jsonp.group(1).equals("jsonpgz")) {
			throw new TransientSourceException(SourceName.EASTMONEY, ESTIMATE,
					"the answer is not jsonpgz(...): " + reply.excerpt(), null);
		}
		if (jsonp.group(2).isBlank()) {
			return Optional.empty();
		}
		JsonNode estimate = Json.objectOrNull(jsonp.group(2));
		if (estimate == null) {
			throw new TransientSourceException(SourceName.EASTMONEY, ESTIMATE,
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
			throw new BadDataException(SourceName.EASTMONEY, ESTIMATE, "Eastmoney estimate of "
					+ estimate.path("fundcode").asString("?") + " rejected: " + ex.getMessage());
		}
	}

	private static Reply checkStatus(String endpoint, Reply reply) {
		if (reply.status() >= 500 || reply.status() == 408) {
			throw new TransientSourceException(SourceName.EASTMONEY, endpoint, "HTTP " + reply.status(), null);
		}
		if (reply.status() == 429) {
			throw new RateLimitedException(SourceName.EASTMONEY, endpoint, "HTTP 429");
		}
		if (reply.status() != 200) {
			throw new PermanentSourceException(SourceName.EASTMONEY, endpoint,
					"HTTP " + reply.status() + " " + reply.excerpt());
		}
		return reply;
	}

	private static String unwrapJsonp(String body) {
		Matcher jsonp = JSONP.matcher(body);
		return jsonp.matches() ? jsonp.group(2) : body;
	}

}
