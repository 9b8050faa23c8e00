package com.marketbase.batch.job.minute1m;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.marketbase.batch.warehouse.Bar;
import com.marketbase.batch.source.SourceName;
import com.marketbase.batch.warehouse.AggregateWindow;
import com.marketbase.batch.warehouse.ReferenceAggregates;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The writer's in-memory rollups against the independent computation the warehouse tests
 * use, over units of several days where complete days sit between a partial and an empty
 * one.
 */
class ChunkRollupTests {

	private static final List<LocalDate> DAYS = List.of(LocalDate.of(2026, 11, 18), LocalDate.of(2026, 11, 19),
			LocalDate.of(2026, 11, 20));

	private static final DateTimeFormatter COPY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ssX");

	private final CanonicalDayProcessor processor = new CanonicalDayProcessor(SourceName.TUSHARE);

	private final Random random = new Random(7);

	@Test
	void rollsUpCompleteDaysAsTheIndependentComputationDoesAndLeavesPartialAndEmptyDaysToTheTable() {
		// 600000.SH: complete, partial (one bar missing), complete. 000001.SZ: complete,
		// empty, complete, in a second unit.
		List<Bar> first = new ArrayList<>();
		first.addAll(day("600000.SH", DAYS.get(0)));
		List<Bar> partial = day("600000.SH", DAYS.get(1));
		partial.remove(37);
		first.addAll(partial);
		first.addAll(day("600000.SH", DAYS.get(2)));
		List<Bar> second = new ArrayList<>();
		second.addAll(day("000001.SZ", DAYS.get(0)));
		second.addAll(day("000001.SZ", DAYS.get(2)));
		List<LoadedUnit> chunk = List.of(load("600000.SH", first), load("000001.SZ", second));

		ChunkRollup rollup = ChunkRollup.of(chunk);

		List<com.marketbase.batch.warehouse.StoredBar> complete = new ArrayList<>();
		chunk.forEach((unit) -> unit.bars()
			.stream()
			.filter((bar) -> !bar.end().atZone(AggregateWindow.MARKET_ZONE).toLocalDate().equals(DAYS.get(1)))
			.map(ChunkRollupTests::compared)
			.forEach(complete::add));
		assertThat(complete).hasSize(4 * 240);
		assertThat(rows(rollup, 0)).isEqualTo(ReferenceAggregates.minutes(complete, 5)).hasSize(4 * 48);
		assertThat(rows(rollup, 1)).isEqualTo(ReferenceAggregates.minutes(complete, 15));
		assertThat(rows(rollup, 2)).isEqualTo(ReferenceAggregates.minutes(complete, 30));
		assertThat(rows(rollup, 3)).isEqualTo(ReferenceAggregates.hours(complete)).hasSize(4 * 4);
		assertThat(text(rollup).split("\n")).hasSize(4 * 48);
		assertThat(rollup.complete()).isEqualTo(
				Map.of(DAYS.get(0), List.of("600000.SH", "000001.SZ"), DAYS.get(2), List.of("600000.SH", "000001.SZ")));
		assertThat(rollup.fromTable()).isEqualTo(Map.of(DAYS.get(1), List.of("600000.SH", "000001.SZ")));
	}

	private LoadedUnit load(String symbol, List<Bar> bars) {
		LoadedUnit loaded = this.processor
			.process(new FetchedUnit(new MinuteUnit(symbol, DAYS), bars, List.of(), null));
		assertThat(loaded.rejected()).isEmpty();
		return loaded;
	}

	// A canonical day of plausible bars with prices and amounts of varying scale.
	private List<Bar> day(String symbol, LocalDate day) {
		List<Bar> bars = new ArrayList<>();
		for (int slot = 0; slot < 240; slot++) {
			LocalTime end = (slot < 120) ? LocalTime.of(9, 31).plusMinutes(slot)
					: LocalTime.of(13, 1).plusMinutes(slot - 120);
			BigDecimal open = price();
			BigDecimal close = price();
			BigDecimal high = open.max(close).add(price().movePointLeft(3));
			BigDecimal low = open.min(close).subtract(price().movePointLeft(4));
			long volume = 100L * (1 + this.random.nextInt(500));
			bars.add(new Bar(symbol, day.atTime(end).atZone(AggregateWindow.MARKET_ZONE).toInstant(), open, high, low,
					close, volume, close.multiply(BigDecimal.valueOf(volume))
						.setScale(this.random.nextInt(3), java.math.RoundingMode.HALF_UP)));
		}
		return bars;
	}

	private BigDecimal price() {
		return BigDecimal.valueOf(700 + this.random.nextInt(50), 2 + this.random.nextInt(2));
	}

	@Test
	void sendsAChunkOfManyUnitsInPiecesOfWholeRows() {
		List<LoadedUnit> chunk = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			String symbol = String.format("6%05d.SH", i);
			List<Bar> bars = new ArrayList<>();
			DAYS.forEach((day) -> bars.addAll(day(symbol, day)));
			chunk.add(load(symbol, bars));
		}

		ChunkRollup rollup = ChunkRollup.of(chunk);

		assertThat(rollup.rows()).hasSizeGreaterThan(1);
		assertThat(text(rollup).split("\n")).hasSize(20 * 3 * 48).doesNotHaveDuplicates();
	}

	// One level's bars of the chunk's single COPY: its six columns of each row where set.
	private static List<com.marketbase.batch.warehouse.StoredBar> rows(ChunkRollup rollup, int level) {
		List<com.marketbase.batch.warehouse.StoredBar> bars = new ArrayList<>();
		for (String line : text(rollup).split("\n")) {
			String[] column = line.split("\t");
			assertThat(column).hasSize(2 + 6 * com.marketbase.batch.warehouse.BarRollup.WIDTHS.length);
			int at = 2 + 6 * level;
			if (column[at].equals("\\N")) {
				assertThat(List.of(column).subList(at, at + 6)).containsOnly("\\N");
				continue;
			}
			Instant end = OffsetDateTime.parse(column[1], COPY_TIME).toInstant();
			bars.add(new com.marketbase.batch.warehouse.StoredBar(column[0], end, new BigDecimal(column[at]),
					new BigDecimal(column[at + 1]), new BigDecimal(column[at + 2]), new BigDecimal(column[at + 3]),
					Long.parseLong(column[at + 4]), new BigDecimal(column[at + 5])));
		}
		bars.sort(java.util.Comparator.comparing(com.marketbase.batch.warehouse.StoredBar::symbol)
			.thenComparing(com.marketbase.batch.warehouse.StoredBar::end));
		return bars;
	}

	private static com.marketbase.batch.warehouse.StoredBar compared(Bar bar) {
		return new com.marketbase.batch.warehouse.StoredBar(bar.symbol(), bar.end(), bar.open(), bar.high(), bar.low(),
				bar.close(), bar.volume(), bar.amount());
	}

	// The pieces joined: each ends with a whole row.
	private static String text(ChunkRollup rollup) {
		StringBuilder text = new StringBuilder();
		for (byte[] piece : rollup.rows()) {
			assertThat(piece[piece.length - 1]).isEqualTo((byte) '\n');
			text.append(new String(piece, StandardCharsets.US_ASCII));
		}
		return text.toString();
	}

}
