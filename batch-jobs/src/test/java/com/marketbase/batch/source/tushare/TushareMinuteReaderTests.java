package com.marketbase.batch.source.tushare;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.StringJoiner;

import org.junit.jupiter.api.Test;

import com.marketbase.batch.warehouse.Bar;
import com.marketbase.batch.support.rows.Fetched;
import com.marketbase.batch.support.rows.RejectedRow;
import com.marketbase.batch.source.SourceHttp.Reply;
import com.marketbase.batch.source.SourceName;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class TushareMinuteReaderTests {

	private static final String FIELDS = "[\"ts_code\",\"trade_time\",\"close\",\"open\",\"high\",\"low\",\"vol\",\"amount\"]";

	@Test
	void readsTheCapturedEmptyAnswerAsNoRows() throws IOException {
		TushareMinuteReader.MinuteRows rows = TushareMinuteReader
			.read(new Reply(200, TushareRepliesTests.sample("tushare_stk_mins_empty.json")));

		assertThat(rows).isNotNull();
		assertThat(rows.size()).isZero();
		assertThat(rows.bars().items()).isEmpty();
		assertThat(rows.bars().rejected()).isEmpty();
	}

	@Test
	void readsTheCapturedRowShapeExactly() {
		String body = """
				{"request_id":"d7c6cf8c","code":0,"msg":"",
				 "data":{"fields":["ts_code","trade_time","close","open","high","low","vol","amount"],
				         "items":[["518880.SH","2025-08-01 15:00:00",7.352,7.351,7.353,7.350,1343100.0,9874709.0]],
				         "has_more":false,"count":0},"detail":"..."}""";

		Bar bar = TushareMinuteReader.read(new Reply(200, body)).bars().items().get(0);

		assertThat(bar.open()).isEqualTo(new BigDecimal("7.351"));
		assertThat(bar.close()).isEqualTo(new BigDecimal("7.352"));
		assertThat(bar.low()).isEqualTo(new BigDecimal("7.350"));
		assertThat(bar.volume()).isEqualTo(1343100L);
		assertThat(bar.amount()).isEqualTo(new BigDecimal("9874709.0"));
		assertAsTheGeneralReading(body);
	}

	@Test
	void givesTheGeneralReadingsBarsForWholeDaysNewestFirstWithTheAuctionFolded() {
		SplittableRandom random = new SplittableRandom(7);
		List<String> rows = new ArrayList<>();
		for (LocalDate day : List.of(LocalDate.of(2025, 8, 4), LocalDate.of(2025, 8, 1))) {
			List<LocalTime> times = new ArrayList<>();
			times.add(LocalTime.of(9, 30));
			for (int k = 1; k <= 240; k++) {
				times.add((k <= 120) ? LocalTime.of(9, 30).plusMinutes(k) : LocalTime.of(13, 0).plusMinutes(k - 120));
			}
			for (int i = times.size() - 1; i >= 0; i--) {
				rows.add(row(day.atTime(times.get(i)), random));
			}
		}
		String body = answer(FIELDS, rows);

		Fetched<Bar> streamed = assertAsTheGeneralReading(body);

		List<Bar> general = new ArrayList<>(general(body).items());
		general.sort(Comparator.comparing(Bar::end));
		List<Bar> folded = TushareClient.foldOpeningAuction(
				streamed.oncePerKey(Comparator.comparing(Bar::end), "tushare", "stk_mins", Bar::symbol).items());
		assertThat(folded).isEqualTo(TushareClient.foldOpeningAuction(general));
		assertThat(folded).hasSize(480);
	}

	@Test
	void findsColumnsByNameInAnyOrderAndIgnoresOthers() {
		String body = answer(
				"[\"amount\",\"extra\",\"vol\",\"low\",\"high\",\"open\",\"close\",\"trade_time\",\"ts_code\"]",
				List.of("[12345.6,\"x\",100.0,7.3,7.4,7.31,7.35,\"2025-08-01 10:00:00\",\"600000.SH\"]",
						"[1.5E7,null,2.0E2,7,8,7.5,8,\"2025-08-01 10:01:00\",\"600000.SH\",\"more\"]"));

		Fetched<Bar> bars = assertAsTheGeneralReading(body);

		assertThat(bars.items()).hasSize(2);
		assertThat(bars.items().get(1).amount()).isEqualTo(new BigDecimal("1.5E7"));
		assertThat(bars.items().get(1).volume()).isEqualTo(200);
	}

	@Test
	void readsUnusualRowsAsTheGeneralReadingDoes() {
		List<String> rows = List.of("[\"600000.SH\",\"2025-08-01 10:00:00\",\"7.352\",7.35,7.36,7.34,100.0,735.2]",
				"[\"600000.SH\",\"2025-08-01 10:01:00\",null,7.35,7.36,7.34,100.0,735.2]",
				"[\"600000.SH\",\"2025-08-01 10:02:00\",7.35,7.35,7.36]",
				"[\"600000.SH\",\"20250801 10:03\",7.35,7.35,7.36,7.34,100.0,735.2]",
				"[\"600000.SH\",\"2025-02-30 10:04:00\",7.35,7.35,7.36,7.34,100.0,735.2]",
				"[\" 600000.SH\",\"2025-08-01 10:05:00\",7.35,7.35,7.36,7.34,100.0,735.2]",
				"[\"600000.SH\",\"2025-08-01 10:06:00\",7.35,7.35,7.34,7.36,100.0,735.2]",
				"[\"600000.SH\",\"2025-08-01 10:07:00\",7.35,7.35,7.36,7.34,-100.0,735.2]",
				"[\"600000.SH\",\"2025-08-01 10:08:00\",[7.35],7.35,7.36,7.34,100.0,735.2]",
				"[\"600000.SH\",\"2025-08-01 10:09:00\",true,7.35,7.36,7.34,100.0,735.2]",
				"[\"600000.SH\",\"2025-08-01 10:10:00\",7.35,7.35,7.36,7.34,100.5,735.2]",
				"[\"600000.SH\",\"2025-08-01 10:11:00\",7.35,7.35,7.36,7.34,1e30,735.2]",
				"[\"600000.SH\",\"2025-08-01 10:12:00\",7.35,7.35,7.36,7.34,100.0,12345678901234567890.5]",
				"[null,\"2025-08-01 10:13:00\",7.35,7.35,7.36,7.34,100.0,735.2]",
				"[\"600000.SH\",\"2025-08-01 10:14:00\",7.35,7.35,7.36,7.34,100.0,735.2]");

		Fetched<Bar> bars = assertAsTheGeneralReading(answer(FIELDS, rows));

		assertThat(bars.rejected()).hasSizeGreaterThan(8);
		assertThat(bars.items()).isNotEmpty();
	}

	@Test
	void takesTheLastOfTwoColumnsWithTheSameName() {
		String body = answer(
				"[\"ts_code\",\"trade_time\",\"close\",\"open\",\"high\",\"low\",\"vol\",\"amount\",\"close\"]",
				List.of("[\"600000.SH\",\"2025-08-01 10:00:00\",1,7.35,7.36,7.34,100.0,735.2,7.355]"));

		assertThat(assertAsTheGeneralReading(body).items().get(0).close()).isEqualTo(new BigDecimal("7.355"));
	}

	@Test
	void leavesAnswersOfAnyOtherShapeToTheGeneralReading() {
		String rows = "[[\"600000.SH\",\"2025-08-01 10:00:00\",7.35,7.35,7.36,7.34,100.0,735.2]]";
		for (String body : List.of("{\"code\":0,\"data\":{\"items\":" + rows + ",\"fields\":" + FIELDS + "}}",
				"{\"code\":40203,\"msg\":\"抱歉，您每分钟最多访问该接口500次\",\"data\":null}",
				"{\"code\":0,\"data\":{\"fields\":" + FIELDS + ",\"items\":" + rows.substring(0, 30),
				"{\"code\":\"0\",\"data\":{\"fields\":" + FIELDS + ",\"items\":" + rows + "}}",
				"{\"data\":{\"fields\":" + FIELDS + ",\"items\":" + rows + "}}", "<html></html>",
				"{\"code\":0,\"data\":{\"fields\":" + FIELDS + ",\"items\":[null]}}",
				"{\"code\":0,\"code\":0,\"data\":{\"fields\":" + FIELDS + ",\"items\":" + rows + "}}")) {
			assertThat(TushareMinuteReader.read(new Reply(200, body))).as(body).isNull();
		}
		assertThat(TushareMinuteReader.read(new Reply(502, "{\"code\":0}"))).isNull();
	}

	@Test
	void readsDecimalsWithTheDigitsAndScaleSent() {
		for (String text : List.of("0", "-0.0", "7.352", "7.350", "7.0", "1343100.0", "9874709.0", "1.5E7", "1.5e-3",
				"2E+2", "-12.5", "123456789012345678", "0.00000000000000001")) {
			char[] chars = ("  " + text + " ").toCharArray();
			assertThat(TushareMinuteReader.decimal(chars, 2, text.length())).as(text).isEqualTo(new BigDecimal(text));
		}
		for (String text : List.of("1234567890123456789", "1e12345", "-", "1.5E", "7.3.5")) {
			assertThat(TushareMinuteReader.decimal(text.toCharArray(), 0, text.length())).as(text).isNull();
		}
	}

	/** The streaming reading and the general one give the same bars and rejections. */
	private static Fetched<Bar> assertAsTheGeneralReading(String body) {
		TushareMinuteReader.MinuteRows streamed = TushareMinuteReader.read(new Reply(200, body));
		assertThat(streamed).isNotNull();
		Fetched<Bar> general = general(body);
		assertThat(streamed.bars().items()).isEqualTo(general.items());
		assertThat(streamed.bars().rejected()).isEqualTo(general.rejected());
		assertThat(streamed.size()).isEqualTo(general.items().size() + general.rejected().size());
		return streamed.bars();
	}

	/** How the client read every answer before the streaming reader. */
	private static Fetched<Bar> general(String body) {
		TushareTable table = TushareReplies.table("stk_mins", new Reply(200, body));
		List<Bar> bars = new ArrayList<>();
		List<RejectedRow> rejected = new ArrayList<>();
		for (TushareTable.Row row : table.named()) {
			String reason;
			try {
				Bar bar = TushareClient.minuteBar(row);
				reason = bar.implausibility();
				if (reason == null) {
					bars.add(bar);
					continue;
				}
			}
			catch (RuntimeException ex) {
				reason = "cannot read the row: " + ex.getMessage();
			}
			JsonNode code = row.get("ts_code");
			rejected.add(new RejectedRow("tushare", "stk_mins", code.isString() ? code.stringValue() : null, reason,
					row.toString()));
		}
		return new Fetched<>(bars, rejected);
	}

	private static String answer(String fields, List<String> rows) {
		StringJoiner items = new StringJoiner(",", "[", "]");
		rows.forEach(items::add);
		return "{\"request_id\":\"x\",\"code\":0,\"data\":{\"fields\":" + fields + ",\"items\":" + items
				+ ",\"has_more\":false,\"count\":0},\"msg\":\"\",\"detail\":\"\"}";
	}

	// Prices on a 0.001 tick written as Python writes floats (7.35, 7.0), volumes in
	// shares.
	private static String row(LocalDateTime end, SplittableRandom random) {
		long low = 7000 + random.nextInt(500);
		long high = low + random.nextInt(30);
		long open = low + random.nextInt((int) (high - low + 1));
		long close = low + random.nextInt((int) (high - low + 1));
		long shares = 100L * random.nextInt(1, 200_000);
		return "[\"518880.SH\",\"" + end.toString().replace('T', ' ') + ":00\"," + python(close) + "," + python(open)
				+ "," + python(high) + "," + python(low) + "," + shares + ".0," + python(shares * (open + close) / 2)
				+ "]";
	}

	private static String python(long li) {
		return BigDecimal.valueOf(li, 3).stripTrailingZeros().toPlainString().replaceAll("^(\\d+)$", "$1.0");
	}

}
