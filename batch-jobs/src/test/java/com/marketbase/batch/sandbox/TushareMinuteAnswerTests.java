package com.marketbase.batch.sandbox;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TushareMinuteAnswerTests {

	private static final List<String> FIELDS = List.of("ts_code", "trade_time", "close", "open", "high", "low", "vol",
			"amount");

	private static final LocalDateTime END = LocalDateTime.of(2025, 8, 1, 15, 0);

	@Test
	void writesNumbersAsPythonFloatsInTheServersColumnOrder() {
		TushareMinuteAnswer answer = new TushareMinuteAnswer("id", FIELDS, 0, 8000, false);
		answer.add("518880.SH", new SyntheticMarket.MinuteBar(END, 7351, 7353, 7350, 7352, 13431, 9874709000L));
		answer.add("518880.SH",
				new SyntheticMarket.MinuteBar(END.minusMinutes(1), 7000, 7050, 1, 50, 0, 98_747_090_123L));

		assertThat(body(answer)).isEqualTo("{\"request_id\":\"id\",\"code\":0,\"data\":{\"fields\":[\"ts_code\","
				+ "\"trade_time\",\"close\",\"open\",\"high\",\"low\",\"vol\",\"amount\"],\"items\":["
				+ "[\"518880.SH\",\"2025-08-01 15:00:00\",7.352,7.351,7.353,7.35,1343100.0,9874709.0],"
				+ "[\"518880.SH\",\"2025-08-01 14:59:00\",0.05,7.0,7.05,0.001,0.0,98747090.123]],"
				+ "\"has_more\":false,\"count\":0},\"msg\":\"\",\"detail\":\"\"}");
	}

	@Test
	void pagesWithOffsetAndLimitAndCorruptsTheFirstRowSent() {
		TushareMinuteAnswer answer = new TushareMinuteAnswer("id", List.of("trade_time", "high", "low", "other"), 1, 2,
				true);
		for (int i = 0; i < 5 && answer.wantsMore(); i++) {
			answer.add("518880.SH", new SyntheticMarket.MinuteBar(END.minusMinutes(i), 7351, 7353, 7351, 7352, 1, 1));
		}

		assertThat(answer.wantsMore()).isFalse();
		assertThat(body(answer)).contains("\"items\":[[\"2025-08-01 14:59:00\",3.6755,7.351,null],"
				+ "[\"2025-08-01 14:58:00\",7.353,7.351,null]]");
	}

	private static String body(TushareMinuteAnswer answer) {
		return new String(answer.finish().body(), StandardCharsets.UTF_8);
	}

}
