package com.marketbase.batch.schedule;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The example schedule in {@code ops/schedule} binds as the server binds it, so that a
 * copy of it starts a server.
 */
class ScheduleExampleTests {

	@Test
	void theExampleScheduleBinds() throws Exception {
		Properties example = new Properties();
		try (Reader reader = Files.newBufferedReader(Path.of("../ops/schedule/application-schedule.properties"))) {
			example.load(reader);
		}
		ScheduleProperties schedule = new Binder(new MapConfigurationPropertySource(example))
			.bind("marketbase.schedule", ScheduleProperties.class)
			.get();
		assertThat(schedule.entries()).extracting(ScheduleProperties.Entry::job)
			.contains("chain", "fx_daily", "fina_indicator", "macro", "fund_nav", "quote_snapshot", "market_stats",
					"reconcile");
		assertThat(schedule.entries()).filteredOn((entry) -> entry.job().equals("fina_indicator"))
			.singleElement()
			.extracting(ScheduleProperties.Entry::daysBack)
			.isEqualTo(122);
	}

}
