package com.marketbase.batch.job.minute1m;

import java.util.List;

import javax.sql.DataSource;

import com.marketbase.batch.warehouse.BarAggregateRefresher;
import com.marketbase.batch.warehouse.MinuteBarFixture;
import com.marketbase.batch.warehouse.ReferenceAggregates;
import com.marketbase.batch.warehouse.StoredBar;
import com.marketbase.batch.warehouse.TestWarehouse;
import com.marketbase.batch.warehouse.WarehouseMode;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.test.MetaDataInstanceFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The refresh of what a failed load committed, in TimescaleDB full mode, where the 5, 15
 * and 30-minute levels are continuous aggregates: the TSL target takes no COPY, so no
 * minute_1m load can run there, and the bars a failed execution committed are stored row
 * by row here instead; the listener the job registers then refreshes their window.
 */
class FailedLoadRefreshIntegrationTests {

	@Test
	void refreshesTheContinuousAggregatesOfWhatAFailedLoadCommitted() {
		TestWarehouse warehouse = TestWarehouse.TIMESCALEDB_TSL;
		DataSource dataSource = warehouse.dataSource();
		warehouse.freshlyMigrated();
		List<StoredBar> bars = MinuteBarFixture.bars();
		MinuteBarFixture.store(dataSource, bars);
		assertThat(MinuteBarFixture.read(dataSource, "bars_5m")).as("nothing refreshed yet").isEmpty();
		JobExecution failed = MetaDataInstanceFactory.createJobExecution();
		failed.setStatus(BatchStatus.FAILED);
		failed.getExecutionContext().putLong(Minute1mPrepareTasklet.LOAD_BATCH, 1);
		failed.getExecutionContext().putString(Minute1mPrepareTasklet.DAYS, MinuteBarFixture.DAY.toString());
		BarAggregateRefresher refresher = new BarAggregateRefresher(dataSource, WarehouseMode.TIMESCALEDB_FULL, 1);

		new FailedLoadRefresh((execution) -> new Minute1mAggregateTasklet(
				Minute1mPrepareTasklet.days(execution.getExecutionContext()), List.of(), refresher))
			.afterJob(failed);

		List<StoredBar> day = bars.stream()
			.filter((bar) -> bar.end()
				.atZone(java.time.ZoneId.of("Asia/Shanghai"))
				.toLocalDate()
				.equals(MinuteBarFixture.DAY))
			.toList();
		assertThat(MinuteBarFixture.read(dataSource, "bars_5m")).isEqualTo(ReferenceAggregates.minutes(day, 5));
		assertThat(MinuteBarFixture.read(dataSource, "bars_30m")).isEqualTo(ReferenceAggregates.minutes(day, 30));
		assertThat(MinuteBarFixture.read(dataSource, "bars_60m")).isEqualTo(ReferenceAggregates.hours(day));
		assertThat(failed.getExecutionContext().getString(Minute1mAggregateTasklet.WINDOW))
			.endsWith("after the failed load");
	}

}
