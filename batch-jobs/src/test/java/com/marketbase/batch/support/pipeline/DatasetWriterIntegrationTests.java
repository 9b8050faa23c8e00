package com.marketbase.batch.support.pipeline;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import com.marketbase.batch.support.execution.LoadProgress;
import com.marketbase.batch.support.units.SymbolDay;
import com.marketbase.batch.warehouse.TestWarehouse;
import com.marketbase.batch.warehouse.reference.Listing;
import com.marketbase.batch.warehouse.reference.TradingDay;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pipeline's writer against a real warehouse: every unit the plan gives is written
 * exactly once, also where an instrument's range spans a day the plan fetches whole.
 */
class DatasetWriterIntegrationTests {

	private static final LocalDate MON = LocalDate.of(2026, 11, 16);

	private static final LocalDate WED = MON.plusDays(2);

	private static final LocalDate FRI = MON.plusDays(4);

	@ParameterizedTest
	@ValueSource(booleans = { true, false })
	void writesAUnitOnceWhenARangeSpansADayFetchedWhole(boolean full) {
		DataSource dataSource = TestWarehouse.EMBEDDED.dataSource();
		TestWarehouse.EMBEDDED.freshlyMigrated();
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		for (LocalDate day = MON; !day.isAfter(FRI); day = day.plusDays(1)) {
			jdbc.update("insert into market.trading_calendar (exchange, cal_date, is_open) values ('SSE', ?, true)",
					day);
		}
		for (String symbol : List.of("600000.SH", "600001.SH", "600002.SH")) {
			jdbc.update("insert into market.instruments (symbol, exchange, asset_class, name, list_date, tick_size, "
					+ "lot_size) values (?, 'SSE', 'stock', ?, '2000-01-04', 0.01, 100)", symbol, symbol);
		}
		// 600000.SH's own range runs from Monday to Friday, through Wednesday, which the
		// plan fetches whole for every instrument; the range fetch answers Wednesday too.
		Fetch wholeWednesday = Fetch.day(WED);
		Fetch range = Fetch.range("600000.SH", MON, FRI);
		Units dataset = new Units();
		DatasetWriter<SymbolDay> writer = new DatasetWriter<>(dataset, dataset, dataSource,
				new DatasetWriter.Context(1, 1, null, full, Set.of(WED), null),
				new DatasetSettings(4, null, 100, 366, 3, 20, 30000), new LoadProgress());
		jdbc.update("insert into market.load_batches (id, dataset, source) values (1, 'daily', 'sandbox')");

		writer.write(new Chunk<>(List.of(dataset.fetch(wholeWednesday, 1), dataset.fetch(range, 5))));

		assertThat(dataset.stored).doesNotHaveDuplicates()
			.contains(new SymbolDay("600000.SH", WED), new SymbolDay("600001.SH", WED), new SymbolDay("600000.SH", MON),
					new SymbolDay("600000.SH", FRI));
		assertThat(
				jdbc.queryForObject("select count(*) from market.load_units where symbol = '600000.SH'", Integer.class))
			.isEqualTo(5);
	}

	/**
	 * A dataset whose rows are its units, read from a feed that has every unit asked for.
	 */
	private static final class Units implements Dataset<SymbolDay>, DatasetFeed<SymbolDay> {

		private final List<SymbolDay> stored = new ArrayList<>();

		@Override
		public String name() {
			return "daily";
		}

		@Override
		public String propertyPrefix() {
			return "marketbase.jobs.daily";
		}

		@Override
		public Pattern codes() {
			return Pattern.compile(".*");
		}

		@Override
		public String codeExample() {
			return "codes";
		}

		@Override
		public Set<String> sources() {
			return Set.of("sandbox");
		}

		@Override
		public DatasetFeed<SymbolDay> feed(String source) {
			return this;
		}

		@Override
		public LocalTime publishedAt() {
			return LocalTime.of(16, 0);
		}

		@Override
		public boolean bootstrapsInstruments() {
			return false;
		}

		@Override
		public String storedCondition() {
			return "true";
		}

		@Override
		public String table() {
			return "market.bars_daily";
		}

		@Override
		public String rowsName() {
			return "rows";
		}

		@Override
		public SymbolDay unitOf(SymbolDay row) {
			return row;
		}

		@Override
		public void store(JdbcTemplate jdbc, List<SymbolDay> rows, String source, long loadBatch) {
			this.stored.addAll(rows);
		}

		@Override
		public String otherClassesHint() {
			return "";
		}

		@Override
		public String source() {
			return "sandbox";
		}

		@Override
		public String displayName() {
			return "the test feed";
		}

		@Override
		public boolean wholeDays() {
			return true;
		}

		@Override
		public int callsPerDay(int instruments) {
			return 1;
		}

		@Override
		public int callsPerRange() {
			return 1;
		}

		@Override
		public FetchedRows<SymbolDay> fetch(Fetch fetch, int openDays) {
			List<SymbolDay> rows = new ArrayList<>();
			for (LocalDate day = fetch.from(); !day.isAfter(fetch.to()); day = day.plusDays(1)) {
				for (String symbol : fetch.wholeDay() ? List.of("600000.SH", "600001.SH", "600002.SH")
						: List.of(fetch.symbol())) {
					rows.add(new SymbolDay(symbol, day));
				}
			}
			return FetchedRows.of(fetch, rows, Set.of(), List.of());
		}

		@Override
		public List<TradingDay> calendar(String exchange, LocalDate start, LocalDate end) {
			return List.of();
		}

		@Override
		public List<Listing> instruments() {
			return List.of();
		}

	}

}
