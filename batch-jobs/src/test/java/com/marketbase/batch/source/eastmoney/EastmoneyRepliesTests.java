package com.marketbase.batch.source.eastmoney;

import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import com.marketbase.batch.source.BadDataException;
import com.marketbase.batch.source.PermanentSourceException;
import com.marketbase.batch.source.SourceException;
import com.marketbase.batch.source.SourceHttp.Reply;
import com.marketbase.batch.source.TransientSourceException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class EastmoneyRepliesTests {

	@Test
	void readsANavPageAsCaptured() {
		String body = """
				{"Data":{"LSJZList":[{"FSRQ":"2026-01-29","DWJZ":"3.4200","LJJZ":"3.4200","SDATE":null,"ACTUALSYI":"",
				"NAVTYPE":"1","JZZZL":"3.86","SGZT":"开放申购","SHZT":"开放赎回","FHFCZ":"","FHFCZ10":null,"FHFCBZ":"",
				"DTYPE":null,"FHSP":""}],"FundType":"001","SYType":null,"isNewType":false,"Feature":null},
				"ErrCode":0,"ErrMsg":null,"TotalCount":506,"Expansion":null,"PageSize":5,"PageIndex":1}""";

		assertThat(EastmoneyClient.navPage(new Reply(200, body)).path("TotalCount").asInt()).isEqualTo(506);
	}

	@Test
	void readsAJsonpWrappedNavPage() {
		String body = "cb({\"Data\":{\"LSJZList\":[]},\"ErrCode\":0,\"ErrMsg\":null,\"TotalCount\":0})";

		assertThat(EastmoneyClient.navPage(new Reply(200, body)).path("TotalCount").asInt()).isZero();
	}

	@Test
	void explainsTheRefusalWithoutAReferer() {
		String body = "{\"Data\":\"\",\"ErrCode\":-999,\"ErrMsg\":\"\",\"TotalCount\":0}";

		assertThat(catchThrowableOfType(SourceException.class, () -> EastmoneyClient.navPage(new Reply(200, body))))
			.isInstanceOf(PermanentSourceException.class)
			.hasMessageContaining("Eastmoney refused f10/lsjz")
			.hasMessageContaining("Referer");
	}

	@Test
	void readsAnEstimate() {
		String body = "jsonpgz({\"fundcode\":\"000001\",\"name\":\"华夏成长混合\",\"jzrq\":\"2026-02-10\","
				+ "\"dwjz\":\"1.1490\",\"gsz\":\"1.1370\",\"gszzl\":\"-1.05\",\"gztime\":\"2026-02-11 15:00\"});";

		FundEstimate estimate = EastmoneyClient.estimateOf(new Reply(200, body)).orElseThrow();

		assertThat(estimate.navDate()).isEqualTo(LocalDate.of(2026, 2, 10));
		assertThat(estimate.estimate()).isEqualByComparingTo("1.1370");
		assertThat(estimate.estimateChangePercent()).isEqualByComparingTo("-1.05");
		assertThat(estimate.estimatedAt()).isEqualTo(Instant.parse("2026-02-11T07:00:00Z"));
	}

	@Test
	void takesAnEmptyJsonpgzForNoEstimate() {
		assertThat(EastmoneyClient.estimateOf(new Reply(200, "jsonpgz();"))).isEmpty();
	}

	@Test
	void rejectsAnImpossibleEstimateAndRetriesAnHtmlPage() {
		String bad = "jsonpgz({\"fundcode\":\"000001\",\"name\":\"x\",\"jzrq\":\"2026-02-10\",\"dwjz\":\"1.1490\","
				+ "\"gsz\":\"估算中\",\"gszzl\":\"-1.05\",\"gztime\":\"2026-02-11 15:00\"});";

		assertThat(catchThrowableOfType(SourceException.class, () -> EastmoneyClient.estimateOf(new Reply(200, bad))))
			.isInstanceOf(BadDataException.class);
		assertThat(catchThrowableOfType(SourceException.class,
				() -> EastmoneyClient.estimateOf(new Reply(200, "<html>busy</html>"))))
			.isInstanceOf(TransientSourceException.class);
	}

}
