package com.marketbase.batch.sandbox;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;

import com.marketbase.batch.source.PermanentSourceException;
import com.marketbase.batch.source.Secret;
import com.marketbase.batch.source.SourceGate;
import com.marketbase.batch.source.SourceHttp;
import com.marketbase.batch.source.SourceName;
import com.marketbase.batch.source.SourceSettings;
import com.marketbase.batch.source.SourceStates;
import com.marketbase.batch.source.TransientSourceException;
import com.marketbase.batch.source.eastmoney.EastmoneyClient;
import com.marketbase.batch.source.quota.CallQuota;
import com.marketbase.batch.source.tdx.TdxClient;
import com.marketbase.batch.source.tdx.TdxCode;
import com.marketbase.batch.source.tushare.TushareClient;
import com.marketbase.batch.support.rows.Fetched;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Answers that changed shape, from every connector, over real HTTP: an HTML page with
 * HTTP 200 and JSON cut off part way fail naming what came; a NaN price is a rejected row
 * with its reason, the rest kept; a row sent twice with other values is rejected and the
 * first kept; a renamed required column is a permanent failure naming the column and the
 * columns that came, never "no data". Each fault is injected for the one request it is
 * meant for, on every attempt at it.
 */
class ChangedShapeAnswersIntegrationTests {

	private static final LocalDate DAY = LocalDate.of(2026, 11, 20);

	private static final SourceSettings.Retry RETRY = new SourceSettings.Retry(3, Duration.ofMillis(10),
			Duration.ofMillis(50), Duration.ofMillis(100));

	private static final int ATTEMPTS = RETRY.maxRetries() + 1;

	private static Sandbox sandbox;

	@BeforeAll
	static void start() {
		sandbox = Sandbox.start(SandboxSettings.defaults()
			.withTokens(Map.of(SandboxSettings.TOKEN, SandboxSettings.Grant.everything(100_000))));
	}

	@AfterAll
	static void stop() {
		sandbox.close();
	}

	@AfterEach
	void clearFaults() {
		sandbox.clearFaults();
	}

	/** The connectors, each with the one request the faults are injected for. */
	enum Connector {

		TUSHARE("tushare:stk_mins", "ts_code", "600000.SH", "vol") {
			@Override
			Fetched<?> fetch(SourceSettings settings) {
				return new TushareClient(new SourceHttp(SourceName.TUSHARE, settings),
						gate(SourceName.TUSHARE, settings), Secret.of(SandboxSettings.TOKEN))
					.minuteBars("600000.SH", "1min", DAY, DAY);
			}
		},

		TDX("tdx:/api/minute", "code", "600000", "Price") {
			@Override
			Fetched<?> fetch(SourceSettings settings) {
				return new TdxClient(new SourceHttp(SourceName.TDX, settings), gate(SourceName.TDX, settings))
					.minutePoints(TdxCode.stock("600000.SH"), DAY);
			}
		},

		EASTMONEY("eastmoney:f10/lsjz", "fundCode", "000008", "DWJZ") {
			@Override
			Fetched<?> fetch(SourceSettings settings) {
				SourceHttp http = new SourceHttp(SourceName.EASTMONEY, settings);
				return new EastmoneyClient(http, http, gate(SourceName.EASTMONEY, settings)).navHistory("000008",
						DAY.minusDays(11), DAY);
			}
		};

		final String endpoint;

		final String parameter;

		final String value;

		final String requiredColumn;

		Connector(String endpoint, String parameter, String value, String requiredColumn) {
			this.endpoint = endpoint;
			this.parameter = parameter;
			this.value = value;
			this.requiredColumn = requiredColumn;
		}

		abstract Fetched<?> fetch(SourceSettings settings);

		private static SourceGate gate(SourceName source, SourceSettings settings) {
			return new SourceGate(source, settings, CallQuota.unlimited(), new SourceStates());
		}

	}

	private static Fetched<?> fetch(Connector connector) {
		return connector.fetch(new SourceSettings(sandbox.baseUrl(), Duration.ofSeconds(60), Duration.ofSeconds(60),
				null, Map.of(), RETRY));
	}

	private static void inject(Connector connector, SandboxFault fault) {
		sandbox.inject(connector.endpoint, connector.parameter, connector.value, fault, ATTEMPTS);
	}

	@ParameterizedTest
	@EnumSource(Connector.class)
	void namesAnHtmlPageAndItsTitle(Connector connector) {
		inject(connector, SandboxFault.HTML);

		assertThatExceptionOfType(TransientSourceException.class).isThrownBy(() -> fetch(connector))
			.withMessageContaining("gave up after " + ATTEMPTS + " attempts")
			.withMessageContaining("answered an HTML page (title 访问受限) instead of JSON");
	}

	@ParameterizedTest
	@EnumSource(Connector.class)
	void namesJsonCutOffPartWay(Connector connector) {
		inject(connector, SandboxFault.MALFORMED_JSON);

		assertThatExceptionOfType(TransientSourceException.class).isThrownBy(() -> fetch(connector))
			.withMessageContaining("gave up after " + ATTEMPTS + " attempts")
			.withMessageContaining("answered truncated JSON");
	}

	@ParameterizedTest
	@EnumSource(Connector.class)
	void rejectsTheRowWithANaNPriceAndKeepsTheRest(Connector connector) {
		int whole = fetch(connector).items().size();
		inject(connector, SandboxFault.NAN_PRICE);

		Fetched<?> fetched = fetch(connector);

		assertThat(fetched.items()).hasSize(whole - 1);
		assertThat(fetched.rejected()).singleElement()
			.satisfies((row) -> assertThat(row.reason()).containsIgnoringCase("NaN"));
	}

	@ParameterizedTest
	@EnumSource(Connector.class)
	void rejectsARowSentAgainWithOtherValuesAndKeepsTheFirst(Connector connector) {
		Fetched<?> whole = fetch(connector);
		inject(connector, SandboxFault.DUPLICATE_ROW);

		Fetched<?> fetched = fetch(connector);

		assertThat(fetched.items()).isEqualTo(whole.items());
		assertThat(fetched.rejected()).singleElement().satisfies((row) -> {
			assertThat(row.reason()).startsWith("sent twice with other values; the first is kept: ");
			assertThat(row.symbol()).isNotBlank();
			// The kept row is one of the answer without the fault; the rejected one is
			// not.
			assertThat(whole.items().stream().map(Object::toString))
				.anySatisfy((kept) -> assertThat(row.reason()).endsWith(kept))
				.doesNotContain(row.payload());
		});
	}

	@ParameterizedTest
	@EnumSource(Connector.class)
	void failsForGoodNamingARenamedColumnAndTheColumnsThatCame(Connector connector) {
		inject(connector, SandboxFault.RENAMED_COLUMN);
		long before = sandbox.calls(connector.endpoint);

		assertThatExceptionOfType(PermanentSourceException.class).isThrownBy(() -> fetch(connector))
			.withMessageContaining("its answer has no column " + connector.requiredColumn + " (it sent ")
			.withMessageContaining("the source changed its format");
		// A changed format is not retried.
		assertThat(sandbox.calls(connector.endpoint) - before).isEqualTo(1);
	}

}
