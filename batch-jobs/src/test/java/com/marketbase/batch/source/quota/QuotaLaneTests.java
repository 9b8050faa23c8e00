package com.marketbase.batch.source.quota;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.marketbase.batch.source.SourceName;
import com.marketbase.batch.source.SourceSettings;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A lane of the shared quota: its own rate (half the endpoint's unless configured), taken
 * before the endpoint's shared token on every call.
 */
class QuotaLaneTests {

	@Test
	void aLaneHasHalfTheEndpointsRateUnlessItsOwnIsSet() {
		SourceSettings settings = SourceSettings.direct(URI.create("http://127.0.0.1:1"));
		SourceSettings limited = new SourceSettings(settings.baseUrl(), Duration.ofSeconds(1), Duration.ofSeconds(1),
				null, Map.of("default", 500, "daily", 7, "stk_mins@intraday", 100), settings.retry());

		assertThat(limited.callsPerMinute("stk_mins")).isEqualTo(500);
		assertThat(limited.callsPerMinute("stk_mins@intraday")).isEqualTo(100);
		assertThat(limited.callsPerMinute("idx_mins@intraday")).isEqualTo(250);
		assertThat(limited.callsPerMinute("daily@intraday")).isEqualTo(3);
		assertThat(settings.callsPerMinute("stk_mins@intraday")).as("unlimited stays unlimited").isZero();
	}

	@Test
	void everyCallTakesTheLanesTokenThenTheSharedOne() throws InterruptedException {
		List<String> taken = new ArrayList<>();
		CallQuota recording = new CallQuota() {

			@Override
			public void acquire(SourceName source, String endpoint, Waiting waiting) {
				taken.add(source.key() + ":" + endpoint);
			}

			@Override
			public void coolDown(SourceName source, String endpoint, Duration pause) {
				taken.add("cool " + endpoint);
			}

		};
		CallQuota lane = CallQuota.lane(recording, "intraday");

		lane.acquire(SourceName.TUSHARE, "stk_mins", null);
		lane.coolDown(SourceName.TUSHARE, "stk_mins", Duration.ZERO);

		assertThat(taken).containsExactly("tushare:stk_mins@intraday", "tushare:stk_mins", "cool stk_mins");
	}

}
