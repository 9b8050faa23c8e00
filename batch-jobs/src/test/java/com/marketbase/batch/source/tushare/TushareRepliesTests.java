package com.marketbase.batch.source.tushare;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.marketbase.batch.warehouse.Bar;
import com.marketbase.batch.warehouse.DailyBar;
import com.marketbase.batch.source.FailureKind;
import com.marketbase.batch.source.PermanentSourceException;
import com.marketbase.batch.source.RateLimitedException;
import com.marketbase.batch.source.SourceException;
import com.marketbase.batch.source.SourceName;
import com.marketbase.batch.source.SourceHttp.Reply;
import com.marketbase.batch.source.TransientSourceException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class TushareRepliesTests {

	private static final String DOC = "，权限的具体详情访问：https://tushare.pro/document/1?doc_id=108。";

	@Test
	void readsTheCapturedEmptyMinuteAnswerAsNoRows() throws IOException {
		TushareTable table = TushareReplies.table("stk_mins", new Reply(200, sample("tushare_stk_mins_empty.json")));

		assertThat(table.fields()).containsExactly("ts_code", "trade_time", "close", "open", "high", "low", "vol",
				"amount");
		assertThat(table.rows()).isEmpty();
	}

	@Test
	void readsTheCapturedNoPermissionAnswerAsAPermanentFailure() throws IOException {
		String body = sample("tushare_err_no_permission_fund_daily.json");

		SourceException failure = catchThrowableOfType(SourceException.class,
				() -> TushareReplies.table("fund_daily", new Reply(200, body)));

		assertThat(failure).isInstanceOf(PermanentSourceException.class);
		assertThat(failure.kind()).isEqualTo(FailureKind.PERMANENT);
		assertThat(failure.getMessage()).startsWith("Tushare Pro refused fund_daily: the token has no permission")
			.contains("40203");
	}

	@Test
	void mapsMinuteColumnsByNameNotPosition() {
		String body = """
				{"request_id":"d7c6cf8c","code":0,"msg":"",
				 "data":{"fields":["ts_code","trade_time","close","open","high","low","vol","amount"],
				         "items":[["518880.SH","2025-08-01 15:00:00",7.352,7.351,7.353,7.350,1343100.0,9874709.0]],
				         "has_more":false,"count":0},"detail":"..."}""";

		TushareTable table = TushareReplies.table("stk_mins", new Reply(200, body));
		Bar bar = TushareClient.minuteBar(table.named().get(0));

		assertThat(bar.open()).isEqualByComparingTo("7.351");
		assertThat(bar.close()).isEqualByComparingTo("7.352");
		assertThat(bar.volume()).isEqualTo(1343100L);
		assertThat(bar.amount()).isEqualByComparingTo("9874709");
		assertThat(bar.end()).isEqualTo(Instant.parse("2025-08-01T07:00:00Z"));
	}

	@Test
	void convertsDailyLotsAndThousandsToSharesAndCny() {
		String body = """
				{"code":0,"msg":null,"data":{"fields":["ts_code","trade_date","open","high","low","close","pre_close",
				"change","pct_chg","vol","amount"],"items":[["600000.SH","20241108",10.1,10.5,10.0,10.2,10.05,0.15,1.49,
				123456.78,125431.234]]}}""";

		DailyBar bar = TushareClient.dailyBar(TushareReplies.table("daily", new Reply(200, body)).named().get(0));

		assertThat(bar.volume()).isEqualTo(12345678L);
		assertThat(bar.amount()).isEqualByComparingTo(new BigDecimal("125431234"));
		assertThat(bar.preClose()).isEqualByComparingTo("10.05");
		assertThat(bar.implausibility()).isNull();
	}

	@Test
	void tellsTheRateLimitFromTheNoPermissionOf40203ByItsText() {
		for (String text : List.of("抱歉，您每分钟最多访问该接口200次" + DOC, "抱歉，您每小时最多访问该接口10次" + DOC,
				"抱歉，您访问接口(rt_min)频率超限(10次/小时)")) {
			assertThat(failure("daily", 40203, text)).isInstanceOf(RateLimitedException.class);
		}
		assertThat(failure("daily", 40203, "抱歉，您没有权限访问该接口" + DOC)).isInstanceOf(PermanentSourceException.class);
	}

	@Test
	void readsTheQuotaWindowInBothWordings() {
		assertThat(TushareReplies.quotaWindow("抱歉，您每分钟最多访问该接口200次" + DOC)).isEqualTo(Duration.ofMinutes(1));
		assertThat(TushareReplies.quotaWindow("抱歉，您每小时最多访问该接口10次" + DOC)).isEqualTo(Duration.ofHours(1));
		assertThat(TushareReplies.quotaWindow("抱歉，您访问接口(rt_min)频率超限(10次/小时)")).isEqualTo(Duration.ofHours(1));
		assertThat(TushareReplies.quotaWindow("抱歉，您访问接口(rt_min)频率超限(10次/天)")).isEqualTo(Duration.ofDays(1));
		assertThat(TushareReplies.quotaWindow("抱歉，您访问接口(rt_min)频率超限(2次/分钟)")).isEqualTo(Duration.ofMinutes(1));
		assertThat(((RateLimitedException) failure("rt_min", 40203, "抱歉，您访问接口(rt_min)频率超限(10次/小时)")).longWindow())
			.isTrue();
		assertThat(TushareReplies.quotaWindow("抱歉，您没有接口(rt_min)访问权限" + DOC)).isNull();
	}

	@Test
	void readsTheRateLimitFromAMessageKeyToo() {
		String body = "{\"code\":40203,\"message\":\"抱歉，您每分钟最多访问该接口500次" + DOC + "\",\"data\":null}";

		assertThat(
				catchThrowableOfType(SourceException.class, () -> TushareReplies.table("daily", new Reply(200, body))))
			.isInstanceOf(RateLimitedException.class);
	}

	@Test
	void treatsABadTokenAndAnUnknownApiAsPermanentWithTheirCause() {
		assertThat(failure("daily", 40101, "您的token不对，请确认。")).isInstanceOf(PermanentSourceException.class)
			.hasMessageStartingWith("Tushare Pro refused daily: the token was not accepted");
		assertThat(failure("dialy", 40101, "请指定正确的接口名")).isInstanceOf(PermanentSourceException.class)
			.hasMessageContaining("the API name is unknown");
		assertThat(failure("daily", -2002, "抱歉，您没有权限访问该接口")).isInstanceOf(PermanentSourceException.class);
	}

	@Test
	void retriesServerErrorsAndBodiesThatAreNotTushareJson() {
		assertThat(failure("daily", 50101, "服务器错误，请稍后再试！")).isInstanceOf(TransientSourceException.class);
		assertThat(failure("daily", -1000, "系统内部错误")).isInstanceOf(TransientSourceException.class);
		for (Reply reply : List.of(new Reply(502, "<html>nginx</html>"), new Reply(200, "<!DOCTYPE html><html></html>"),
				new Reply(200, "{\"request_id\":\"x\",\"code\":0,\"data\":{\"fields\":[\"ts"))) {
			assertThat(catchThrowableOfType(SourceException.class, () -> TushareReplies.table("daily", reply)))
				.isInstanceOf(TransientSourceException.class);
		}
	}

	@Test
	void neverPutsTheTokenIntoAFailure() {
		SourceException failure = catchThrowableOfType(SourceException.class,
				() -> TushareReplies.table("daily", new Reply(200, "{\"code\":40101,\"msg\":\"您的token不对，请确认。\"}")));

		assertThat(failure.getMessage()).doesNotContain("secret-token-value");
	}

	@Test
	void foldsTheOpeningAuctionBarIntoTheFirstMinute() {
		Instant auction = Instant.parse("2025-08-01T01:30:00Z");
		Bar first = new Bar("518880.SH", auction, bd("7.30"), bd("7.30"), bd("7.30"), bd("7.30"), 1000, bd("7300"));
		Bar second = new Bar("518880.SH", auction.plusSeconds(60), bd("7.31"), bd("7.35"), bd("7.29"), bd("7.33"), 500,
				bd("3660"));

		List<Bar> folded = TushareClient.foldOpeningAuction(List.of(first, second));

		assertThat(folded).singleElement().satisfies((bar) -> {
			assertThat(bar.end()).isEqualTo(second.end());
			assertThat(bar.open()).isEqualByComparingTo("7.30");
			assertThat(bar.low()).isEqualByComparingTo("7.29");
			assertThat(bar.volume()).isEqualTo(1500);
			assertThat(bar.amount()).isEqualByComparingTo("10960");
		});
	}

	private static RuntimeException failure(String api, int code, String message) {
		return TushareReplies.failure(SourceName.TUSHARE, api, code, message);
	}

	private static BigDecimal bd(String value) {
		return new BigDecimal(value);
	}

	static String sample(String name) throws IOException {
		try (InputStream in = TushareRepliesTests.class.getResourceAsStream("/samples/" + name)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}
