package com.marketbase.batch.source.eastmoney;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import tools.jackson.databind.JsonNode;

import com.marketbase.batch.support.rows.Fetched;
import com.marketbase.batch.source.AnswerShape;
import com.marketbase.batch.source.Json;
import com.marketbase.batch.support.rows.RejectedRow;
import com.marketbase.batch.source.SourceGate;
import com.marketbase.batch.source.SourceHttp;
import com.marketbase.batch.source.SourceName;
import com.marketbase.batch.source.TransientSourceException;

/**
 * Reads Eastmoney's fund APIs: NAV history and intraday estimates.
 */
public final class EastmoneyClient {

	/** The most rows {@code lsjz} returns per page, whatever page size is asked for. */
	public static final int PAGE_SIZE = 20;

	static final String NAV_HISTORY = "f10/lsjz";

	static final String ESTIMATE = "fundgz";

	static final String VALUATION = "FundValuationLast";

	/** Codes per {@code FundValuationLast} call, as the clients that use it send. */
	public static final int VALUATION_BATCH = 50;

	private static final String VALUATION_FIELDS = "FCODE,SHORTNAME,GSZZL,GZTIME,GSZ,NAV,PDATE";

	private final SourceHttp navs;

	private final SourceHttp estimates;

	private final SourceHttp valuations;

	private final SourceGate gate;

	/**
	 * A client for both APIs, which live on different hosts.
	 * @param navs the transport to {@code api.fund.eastmoney.com} (or a sandbox)
	 * @param estimates the transport to {@code fundgz.1234567.com.cn} (or a sandbox)
	 * @param gate quota and retries
	 */
	public EastmoneyClient(SourceHttp navs, SourceHttp estimates, SourceGate gate) {
		this(navs, estimates, navs, gate);
	}

	/**
	 * A client for the three APIs, which live on different hosts.
	 * @param navs the transport to {@code api.fund.eastmoney.com} (or a sandbox)
	 * @param estimates the transport to {@code fundgz.1234567.com.cn} (or a sandbox)
	 * @param valuations the transport to {@code fundcomapi.tiantianfunds.com} (or a
	 * sandbox)
	 * @param gate quota and retries
	 */
	public EastmoneyClient(SourceHttp navs, SourceHttp estimates, SourceHttp valuations, SourceGate gate) {
		this.navs = navs;
		this.estimates = estimates;
		this.valuations = valuations;
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
		List<FundDay> days = new ArrayList<>();
		List<RejectedRow> rejected = new ArrayList<>();
		int total = Integer.MAX_VALUE;
		int received = 0;
		for (int page = 1; received < total; page++) {
			String query = "/f10/lsjz?fundCode=" + code + "&pageIndex=" + page + "&pageSize=" + PAGE_SIZE
					+ "&startDate=" + start + "&endDate=" + end;
			JsonNode body = this.gate.call(NAV_HISTORY, () -> EastmoneyReplies.navPage(this.navs.get(NAV_HISTORY, query,
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
			int kept = days.size();
			String absent = null;
			for (JsonNode row : rows) {
				received++;
				try {
					FundDay day = fundDay(code, row, moneyMarket);
					days.add(day);
				}
				catch (RuntimeException ex) {
					rejected.add(new RejectedRow(SourceName.EASTMONEY.key(), NAV_HISTORY, code, ex.getMessage(),
							row.toString()));
					String column = AnswerShape.missingColumn(ex);
					if (absent == null && column != null && !row.has(column)) {
						absent = column;
					}
				}
			}
			// A field no row of the page has is a change of Eastmoney's format.
			if (absent != null && days.size() == kept) {
				AnswerShape.requireColumns(SourceName.EASTMONEY, NAV_HISTORY,
						new TreeSet<>(rows.get(0).propertyNames()), List.of(absent));
			}
		}
		// A day sent twice with two values (on one page or across pages) is a
		// contradiction to show, not a value to overwrite.
		return new Fetched<>(days, rejected).oncePerKey(Comparator.comparing(FundDay::date), SourceName.EASTMONEY.key(),
				NAV_HISTORY, (day) -> code);
	}

	private static FundDay fundDay(String code, JsonNode row, boolean moneyMarket) {
		LocalDate date = LocalDate.parse(Json.requiredText(row.get("FSRQ"), "FSRQ"));
		BigDecimal unit = Json.requiredDecimal(row.get("DWJZ"), "DWJZ");
		BigDecimal accumulated = Json.decimal(row.get("LJJZ"));
		if (moneyMarket) {
			if (accumulated == null) {
				throw new IllegalArgumentException("LJJZ (7-day yield) is missing");
			}
			return new MoneyFundIncome(code, date, unit, accumulated, dealing(row));
		}
		if (unit.signum() <= 0) {
			throw new IllegalArgumentException("DWJZ " + unit.toPlainString() + " is not a positive NAV");
		}
		if (accumulated != null && accumulated.signum() <= 0) {
			throw new IllegalArgumentException("LJJZ " + accumulated.toPlainString() + " is not a positive NAV");
		}
		return new FundNav(code, date, unit, accumulated, Json.decimal(row.get("JZZZL")), dealing(row));
	}

	private static FundDealing dealing(JsonNode row) {
		return new FundDealing(Json.text(row.get("SGZT")), Json.text(row.get("SHZT")), Json.text(row.get("FHSP")),
				Json.decimal(row.get("FHFCZ")));
	}

	/**
	 * Eastmoney's latest valuation of funds from its successor batch endpoint, up to
	 * {@value #VALUATION_BATCH} codes a call.
	 * @param codes six-digit fund codes
	 * @return what it said per code it knows; codes it does not know are absent, and many
	 * funds come without an estimate ({@link FundValuation#hasEstimate()})
	 */
	public Map<String, FundValuation> valuations(List<String> codes) {
		Map<String, FundValuation> known = new LinkedHashMap<>();
		for (int from = 0; from < codes.size(); from += VALUATION_BATCH) {
			List<String> batch = codes.subList(from, Math.min(codes.size(), from + VALUATION_BATCH));
			String path = "/mm/newCore/FundValuationLast?FCODES=" + String.join(",", batch) + "&FIELDS="
					+ VALUATION_FIELDS;
			List<FundValuation> answer = this.gate.call(VALUATION,
					() -> EastmoneyReplies.valuations(this.valuations.get(VALUATION, path, Map.of())));
			answer.forEach((valuation) -> known.put(valuation.code(), valuation));
		}
		return known;
	}

	/**
	 * The intraday estimate of a fund.
	 * @param code the six-digit fund code
	 * @return the estimate; empty when Eastmoney has none (money-market funds, some QDII
	 * and new funds, unknown codes)
	 * @throws com.marketbase.batch.source.PermanentSourceException once the endpoint
	 * answers with Eastmoney's not-found page, as it has since 2026-07-20
	 */
	public Optional<FundEstimate> estimate(String code) {
		String path = "/js/" + code + ".js?rt=" + System.currentTimeMillis();
		return this.gate.call(ESTIMATE, () -> EastmoneyReplies.estimate(this.estimates.get(ESTIMATE, path, Map.of())));
	}

}
