package com.marketbase.batch.source.eastmoney;

import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import com.marketbase.batch.source.BadDataException;
import com.marketbase.batch.source.FailureKind;
import com.marketbase.batch.source.PermanentSourceException;
import com.marketbase.batch.source.RateLimitedException;
import com.marketbase.batch.source.SourceException;
import com.marketbase.batch.source.SourceHttp.Reply;
import com.marketbase.batch.source.TransientSourceException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class EastmoneyRepliesTests {

	private static final String ESTIMATE = "jsonpgz({\"fundcode\":\"000001\",\"name\":\"华夏成长混合\",\"jzrq\":\"2026-02-10\","
			+ "\"dwjz\":\"1.1490\",\"gsz\":\"1.1370\",\"gszzl\":\"-1.05\",\"gztime\":\"2026-02-11 15:00\"});";

	// What nginx sends with a 301 when the client does not follow it.
	private static final String MOVED = "<html><head><title>301 Moved Permanently</title></head>"
			+ "<body><center><h1>301 Moved Permanently</h1></center><hr><center>nginx</center></body></html>";

	// Where the retired fundgz redirects to, as a followed redirect delivers it.
	private static final String NOT_FOUND_PAGE = """
			<!DOCTYPE html>
			<html><head><meta charset="utf-8"><title>页面不存在</title>
			<link rel="canonical" href="https://fund.eastmoney.com/notfound.html"></head>
			<body><div class="notfound">您访问的页面不存在</div></body></html>""";

	@Test
	void readsANavPageAsCaptured() {
		String body = """
				{"Data":{"LSJZList":[{"FSRQ":"2026-01-29","DWJZ":"3.4200","LJJZ":"3.4200","SDATE":null,"ACTUALSYI":"",
				"NAVTYPE":"1","JZZZL":"3.86","SGZT":"开放申购","SHZT":"开放赎回","FHFCZ":"","FHFCZ10":null,"FHFCBZ":"",
				"DTYPE":null,"FHSP":""}],"FundType":"001","SYType":null,"isNewType":false,"Feature":null},
				"ErrCode":0,"ErrMsg":null,"TotalCount":506,"Expansion":null,"PageSize":5,"PageIndex":1}""";

		assertThat(EastmoneyReplies.navPage(new Reply(200, body)).path("TotalCount").asInt()).isEqualTo(506);
	}

	@Test
	void readsAJsonpWrappedNavPage() {
		String body = "cb({\"Data\":{\"LSJZList\":[]},\"ErrCode\":0,\"ErrMsg\":null,\"TotalCount\":0})";

		assertThat(EastmoneyReplies.navPage(new Reply(200, body)).path("TotalCount").asInt()).isZero();
	}

	@Test
	void retriesAServerError() {
		assertThat(navFailure(503, "")).isInstanceOf(TransientSourceException.class)
			.hasMessage("Eastmoney f10/lsjz failed for now: HTTP 503");
		assertThat(estimateFailure(502, "<html><head><title>502 Bad Gateway</title></head></html>"))
			.isInstanceOf(TransientSourceException.class)
			.hasMessage("Eastmoney fundgz failed for now: HTTP 502");
	}

	@Test
	void retriesARequestTimeout() {
		assertThat(navFailure(408, "")).isInstanceOf(TransientSourceException.class)
			.hasMessage("Eastmoney f10/lsjz failed for now: HTTP 408");
	}

	@Test
	void waitsOnTooManyRequests() {
		SourceException failure = navFailure(429, "");

		assertThat(failure).isInstanceOf(RateLimitedException.class);
		assertThat(failure.kind()).isEqualTo(FailureKind.RATE_LIMITED);
	}

	@Test
	void refusesAForbiddenAnswerWithItsStatusAndBody() {
		assertThat(navFailure(403, "Forbidden: your IP is blocked")).isInstanceOf(PermanentSourceException.class)
			.hasMessage("Eastmoney refused f10/lsjz: HTTP 403 Forbidden: your IP is blocked.");
	}

	@Test
	void refusesAMissingNavPathWithItsStatusAndBody() {
		assertThat(navFailure(404, "<h1>404 Not Found</h1>")).isInstanceOf(PermanentSourceException.class)
			.hasMessage("Eastmoney refused f10/lsjz: HTTP 404 <h1>404 Not Found</h1>.");
	}

	@Test
	void refusesARedirectTheTransportDidNotFollow() {
		assertThat(navFailure(302, MOVED)).isInstanceOf(PermanentSourceException.class)
			.hasMessageStartingWith("Eastmoney refused f10/lsjz: HTTP 302, a redirect that was not followed: <html>")
			.hasMessageContaining("301 Moved Permanently");
	}

	@Test
	void takesAnUnfollowedEstimateRedirectForTheRetiredEndpoint() {
		assertThat(estimateFailure(301, MOVED)).isInstanceOf(PermanentSourceException.class)
			.hasMessage("Eastmoney refused fundgz: Eastmoney retired fundgz, whose js/{code}.js estimates have answered"
					+ " with its not-found page since 2026-07-20 (HTTP 301).");
		assertThat(estimateFailure(302, "")).isInstanceOf(PermanentSourceException.class)
			.hasMessageContaining("Eastmoney retired fundgz");
	}

	@Test
	void takesAnEstimate404ForTheRetiredEndpoint() {
		assertThat(estimateFailure(404, NOT_FOUND_PAGE)).isInstanceOf(PermanentSourceException.class)
			.hasMessageContaining("Eastmoney retired fundgz")
			.hasMessageEndingWith("(HTTP 404).");
	}

	@Test
	void takesTheFollowedNotFoundPageForTheRetiredEndpoint() {
		SourceException failure = estimateFailure(200, NOT_FOUND_PAGE);

		assertThat(failure).isInstanceOf(PermanentSourceException.class)
			.hasMessageContaining("Eastmoney retired fundgz")
			.hasMessageEndingWith("(HTTP 200).");
		assertThat(failure.kind()).isEqualTo(FailureKind.PERMANENT);
	}

	@Test
	void retriesAMaintenancePageNamingItsTitle() {
		String page = "<!DOCTYPE html><html><head><title>\n  维护中\n</title></head><body>系统维护，请稍后访问</body></html>";

		assertThat(navFailure(200, page)).isInstanceOf(TransientSourceException.class)
			.hasMessage("Eastmoney f10/lsjz failed for now: it answered an HTML page (title 维护中) instead of JSON");
	}

	@Test
	void retriesAnHtmlPageInsteadOfAnEstimate() {
		assertThat(
				estimateFailure(200, "<!DOCTYPE html><html><head><title>访问受限</title></head><body>请稍后再试</body></html>"))
			.isInstanceOf(TransientSourceException.class)
			.hasMessage("Eastmoney fundgz failed for now: it answered an HTML page (title 访问受限) instead of JSONP");
	}

	@Test
	void retriesAnUntitledHtmlPageQuotingIt() {
		assertThat(estimateFailure(200, "<html>busy</html>")).isInstanceOf(TransientSourceException.class)
			.hasMessage(
					"Eastmoney fundgz failed for now: it answered an HTML page instead of JSONP: <html>busy</html>");
	}

	@Test
	void retriesATruncatedNavPage() {
		assertThat(navFailure(200, "{\"Data\":{\"LSJZList\":[{\"FSRQ\":\"2026-01-29\",\"DWJ"))
			.isInstanceOf(TransientSourceException.class)
			.hasMessage("Eastmoney f10/lsjz failed for now: answered truncated JSON (it ends after 46 characters)");
	}

	@Test
	void retriesANavAnswerWithoutErrCode() {
		assertThat(navFailure(200, "{\"Data\":{\"LSJZList\":[]},\"TotalCount\":0}"))
			.isInstanceOf(TransientSourceException.class)
			.hasMessageContaining("the answer is not lsjz JSON");
	}

	@Test
	void retriesANavPageWithoutItsList() {
		assertThat(navFailure(200, "{\"Data\":{\"FundType\":\"001\"},\"ErrCode\":0,\"TotalCount\":3}"))
			.isInstanceOf(TransientSourceException.class)
			.hasMessage("Eastmoney f10/lsjz failed for now: the answer has no Data.LSJZList");
	}

	@Test
	void explainsTheRefusalWithoutAReferer() {
		assertThat(navFailure(200, "{\"Data\":\"\",\"ErrCode\":-999,\"ErrMsg\":\"\",\"TotalCount\":0}"))
			.isInstanceOf(PermanentSourceException.class)
			.hasMessageContaining("Eastmoney refused f10/lsjz")
			.hasMessageContaining("Referer");
	}

	@Test
	void refusesOtherErrCodesPermanently() {
		assertThat(navFailure(200, "{\"Data\":\"\",\"ErrCode\":-1,\"ErrMsg\":\"参数错误\",\"TotalCount\":0}"))
			.isInstanceOf(PermanentSourceException.class)
			.hasMessage("Eastmoney refused f10/lsjz: ErrCode -1 (参数错误).");
	}

	@Test
	void readsAnEstimate() {
		FundEstimate estimate = EastmoneyReplies.estimate(new Reply(200, ESTIMATE)).orElseThrow();

		assertThat(estimate.navDate()).isEqualTo(LocalDate.of(2026, 2, 10));
		assertThat(estimate.estimate()).isEqualByComparingTo("1.1370");
		assertThat(estimate.estimateChangePercent()).isEqualByComparingTo("-1.05");
		assertThat(estimate.estimatedAt()).isEqualTo(Instant.parse("2026-02-11T07:00:00Z"));
	}

	@Test
	void takesAnEmptyJsonpgzForNoEstimate() {
		assertThat(EastmoneyReplies.estimate(new Reply(200, "jsonpgz();"))).isEmpty();
	}

	@Test
	void rejectsAnImpossibleEstimate() {
		String bad = ESTIMATE.replace("\"gsz\":\"1.1370\"", "\"gsz\":\"估算中\"");

		assertThat(estimateFailure(200, bad)).isInstanceOf(BadDataException.class)
			.hasMessageContaining("Eastmoney estimate of 000001 rejected");
	}

	@Test
	void retriesAnotherCallbackThanJsonpgz() {
		assertThat(estimateFailure(200, ESTIMATE.replace("jsonpgz(", "cb(")))
			.isInstanceOf(TransientSourceException.class)
			.hasMessageStartingWith("Eastmoney fundgz failed for now: the answer is not jsonpgz(...): cb(");
	}

	@Test
	void retriesAnEstimateThatIsNotAJsonObject() {
		assertThat(estimateFailure(200, "jsonpgz({\"fundcode\":\"000001\",\"na);"))
			.isInstanceOf(TransientSourceException.class)
			.hasMessageContaining("the estimate is not a JSON object");
	}

	private static SourceException navFailure(int status, String body) {
		return catchThrowableOfType(SourceException.class, () -> EastmoneyReplies.navPage(new Reply(status, body)));
	}

	private static SourceException estimateFailure(int status, String body) {
		return catchThrowableOfType(SourceException.class, () -> EastmoneyReplies.estimate(new Reply(status, body)));
	}

}
