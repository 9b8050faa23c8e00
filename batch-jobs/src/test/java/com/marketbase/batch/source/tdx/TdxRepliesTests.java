package com.marketbase.batch.source.tdx;

import org.junit.jupiter.api.Test;

import com.marketbase.batch.source.PermanentSourceException;
import com.marketbase.batch.source.SourceException;
import com.marketbase.batch.source.SourceHttp.Reply;
import com.marketbase.batch.source.TransientSourceException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class TdxRepliesTests {

	@Test
	void readsTheDataOfASuccessEnvelope() {
		String body = """
				{"code":0,"message":"success","data":{"Count":1,"List":[{"Last":12250,"Open":12300,"High":12600,
				"Low":12280,"Close":12500,"Volume":1235000,"Amount":156000000,"Time":"2024-11-08T15:00:00+08:00",
				"UpCount":0,"DownCount":0}]}}""";

		assertThat(
				TdxReplies.data("/api/kline-history", new Reply(200, body)).path("List").get(0).path("Close").asLong())
			.isEqualTo(12500);
	}

	@Test
	void refusesBadRequestsPermanentlyAndRetriesFailedFetches() {
		assertThat(failure("{\"code\":-1,\"message\":\"股票代码不能为空\",\"data\":null}"))
			.isInstanceOf(PermanentSourceException.class)
			.hasMessage("TDX gateway refused /api/minute: the gateway refused the request (股票代码不能为空).");
		assertThat(failure("{\"code\":-1,\"message\":\"end 必须大于或等于 start\",\"data\":null}"))
			.isInstanceOf(PermanentSourceException.class);
		assertThat(failure("{\"code\":-1,\"message\":\"获取K线失败: i/o timeout\",\"data\":null}"))
			.isInstanceOf(TransientSourceException.class);
		assertThat(failure("{\"code\":-1,\"message\":\"交易日模块未初始化\",\"data\":null}"))
			.isInstanceOf(TransientSourceException.class);
	}

	@Test
	void treatsAnUnknownPathAsPermanentAndGarbageAsTransient() {
		assertThat(catchThrowableOfType(SourceException.class,
				() -> TdxReplies.data("/api/nope", new Reply(404, "404 page not found\n"))))
			.isInstanceOf(PermanentSourceException.class)
			.hasMessageContaining("does not serve /api/nope");
		assertThat(failure("<html><body>captive portal</body></html>")).isInstanceOf(TransientSourceException.class);
		assertThat(
				catchThrowableOfType(SourceException.class, () -> TdxReplies.data("/api/minute", new Reply(503, ""))))
			.isInstanceOf(TransientSourceException.class);
	}

	@Test
	void readsTheUnwrappedHealthAnswer() {
		assertThat(TdxReplies.body("/api/health", new Reply(200, "{\"status\":\"healthy\",\"time\":\"1730617200\"}"))
			.path("status")
			.asString()).isEqualTo("healthy");
	}

	@Test
	void sendsIndexCodesPrefixedAndStockCodesBare() {
		assertThat(TdxCode.index("000001.SH").wire()).isEqualTo("sh000001");
		assertThat(TdxCode.index("399006.SZ").wire()).isEqualTo("sz399006");
		assertThat(TdxCode.stock("000001.SZ").wire()).isEqualTo("000001");
		assertThat(TdxCode.symbolOf("920118", "bj")).isEqualTo("920118.BJ");
	}

	private static SourceException failure(String body) {
		return catchThrowableOfType(SourceException.class, () -> TdxReplies.data("/api/minute", new Reply(200, body)));
	}

}
