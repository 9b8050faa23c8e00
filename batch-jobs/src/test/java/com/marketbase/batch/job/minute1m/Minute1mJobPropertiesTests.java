package com.marketbase.batch.job.minute1m;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How many units a chunk takes: at least 10 and at least 50 symbol-days unless
 * configured.
 */
class Minute1mJobPropertiesTests {

	@Test
	void takesFiftySymbolDaysAndAtLeastTenUnitsAChunkUnlessConfigured() {
		Minute1mJobProperties automatic = new Minute1mJobProperties(0, 0, "sandbox", 100, 30, 3, true, 30000,
				Minute1mJobProperties.BarWriter.COPY);

		assertThat(automatic.chunkUnits(1)).isEqualTo(50);
		assertThat(automatic.chunkUnits(3)).isEqualTo(17);
		assertThat(automatic.chunkUnits(5)).isEqualTo(10);
		assertThat(automatic.chunkUnits(30)).isEqualTo(10);
		assertThat(automatic.chunkUnits(0)).isEqualTo(50);
		assertThat(new Minute1mJobProperties(0, 5, "sandbox", 100, 30, 3, true, 30000,
				Minute1mJobProperties.BarWriter.COPY)
			.chunkUnits(1)).isEqualTo(5);
		// The record's own accessor gives what a load of single days uses, not the raw 0.
		assertThat(automatic.chunkUnits()).isEqualTo(50);
		assertThat(new Minute1mJobProperties(0, 5, "sandbox", 100, 30, 3, true, 30000,
				Minute1mJobProperties.BarWriter.COPY)
			.chunkUnits()).isEqualTo(5);
		assertThat(automatic.partitions()).isGreaterThanOrEqualTo(2);
	}

}
