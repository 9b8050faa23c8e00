package com.marketbase.batch.job.indexminute;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

import com.marketbase.batch.source.SourceName;
import com.marketbase.batch.source.SourceResolver;
import com.marketbase.batch.source.Units;
import com.marketbase.batch.source.tdx.TdxClient;
import com.marketbase.batch.source.tdx.TdxCode;
import com.marketbase.batch.source.tushare.TushareClient;
import com.marketbase.batch.support.pipeline.Dataset;
import com.marketbase.batch.support.pipeline.DatasetFeed;
import com.marketbase.batch.support.units.SymbolDay;
import com.marketbase.batch.warehouse.AggregateWindow;
import com.marketbase.batch.warehouse.Bar;
import com.marketbase.batch.warehouse.BarAggregateRefresher;
import com.marketbase.batch.warehouse.WarehouseMode;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code index_minute} on the pipeline: a listed index owes its 240 session bars on every
 * open day. The bars share {@code market.bars_1m} with the A-shares, and so their 5 to
 * 60-minute aggregates: the rollup tables are rebuilt for the written index days inside
 * each chunk's transaction, continuous aggregates (which refresh only outside one) once
 * for the run's days when it ends.
 *
 * @param resolver the source resolver
 * @param mode the warehouse's mode
 * @param aggregates the aggregate refresher
 */
record IndexMinutes(SourceResolver resolver, WarehouseMode mode,
		BarAggregateRefresher aggregates) implements Dataset<IndexMinute> {

	private static final Set<String> READS = Set.of(SourceName.TUSHARE.key(), SourceName.TDX.key(),
			SourceName.SANDBOX.key());

	private static final Pattern CODES = Pattern.compile("[0-9A-Z]{6}\\.(SH|SZ|BJ|CSI|SI)");

	@Override
	public String name() {
		return "index_minute";
	}

	@Override
	public String propertyPrefix() {
		return "marketbase.jobs.index-minute";
	}

	@Override
	public Pattern codes() {
		return CODES;
	}

	@Override
	public String codeExample() {
		return "index codes in Tushare form (like 000300.SH, 399001.SZ)";
	}

	@Override
	public Set<String> sources() {
		return READS;
	}

	@Override
	public DatasetFeed<IndexMinute> feed(String source) {
		SourceName name = SourceName.parse(source);
		if (name.protocol() == SourceName.TDX) {
			TdxClient client = this.resolver.tdx(name);
			return new IndexMinuteFeed(client.source().key(), client.source().displayName(), "/api/index/all",
					(symbol, from, to) -> client.indexBars(TdxCode.index(symbol), "minute1", from, to),
					this.resolver.reference(name));
		}
		TushareClient client = this.resolver.tushare(name);
		return new IndexMinuteFeed(client.source().key(), client.source().displayName(), "idx_mins",
				(symbol, from, to) -> client.indexMinuteBars(symbol, "1min", from, to), this.resolver.reference(name));
	}

	/** Both sources serve a day's last minutes shortly after the 15:00 close. */
	@Override
	public LocalTime publishedAt() {
		return LocalTime.of(15, 30);
	}

	/** Indexes come from the {@code instruments} job's index list. */
	@Override
	public boolean bootstrapsInstruments() {
		return false;
	}

	@Override
	public boolean rowsPerUnit() {
		return true;
	}

	@Override
	public String storedCondition() {
		return "exists (select 1 from market.bars_1m b where b.symbol = i.symbol "
				+ "and b.ts > c.cal_date::timestamp at time zone 'Asia/Shanghai' "
				+ "and b.ts <= (c.cal_date + 1)::timestamp at time zone 'Asia/Shanghai')";
	}

	@Override
	public String table() {
		return "market.bars_1m";
	}

	@Override
	public String rowsName() {
		return "bars";
	}

	@Override
	public String otherClassesHint() {
		return "index_minute loads indexes and minute_1m stocks and ETFs";
	}

	@Override
	public SymbolDay unitOf(IndexMinute row) {
		return new SymbolDay(row.bar().symbol(), row.bar().end().atZone(Units.BEIJING).toLocalDate());
	}

	/**
	 * Replaces the index days the rows belong to, then, in the rollup modes, their
	 * aggregates, all in the chunk's transaction: a day is never stored beside its
	 * earlier bars, nor its aggregates behind them.
	 */
	@Override
	public void store(JdbcTemplate jdbc, List<IndexMinute> rows, String source, long loadBatch) {
		Map<LocalDate, Set<String>> days = new TreeMap<>();
		rows.forEach((row) -> {
			SymbolDay unit = unitOf(row);
			days.computeIfAbsent(unit.day(), (day) -> new TreeSet<>()).add(unit.symbol());
		});
		days.forEach((day, symbols) -> {
			for (String symbol : symbols) {
				jdbc.update("delete from market.bars_1m where symbol = ? and ts > ? and ts <= ?", symbol, start(day),
						start(day.plusDays(1)));
			}
		});
		jdbc.batchUpdate("""
				insert into market.bars_1m (symbol, ts, open, high, low, close, volume, amount, source, load_batch_id)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				""", rows, 1000, (ps, row) -> {
			Bar bar = row.bar();
			ps.setString(1, bar.symbol());
			ps.setTimestamp(2, Timestamp.from(bar.end()));
			ps.setBigDecimal(3, bar.open());
			ps.setBigDecimal(4, bar.high());
			ps.setBigDecimal(5, bar.low());
			ps.setBigDecimal(6, bar.close());
			ps.setLong(7, bar.volume());
			ps.setBigDecimal(8, bar.amount());
			ps.setString(9, source);
			ps.setLong(10, loadBatch);
		});
		if (!this.mode.hasContinuousAggregates()) {
			this.aggregates.refreshWithin(days);
		}
	}

	/**
	 * Refreshes the continuous aggregates over the run's days, where the warehouse has
	 * them; the rollup tables are current already.
	 */
	@Override
	public @Nullable String afterRun(JdbcTemplate jdbc, long loadBatch) {
		if (!this.mode.hasContinuousAggregates()) {
			return null;
		}
		Map<String, Object> span = jdbc.queryForMap("select min(trade_date) as first, max(trade_date) as last "
				+ "from market.load_units where dataset = ? and load_batch_id = ? and status in ('complete', 'partial')",
				name(), loadBatch);
		if (span.get("first") == null) {
			return null;
		}
		LocalDate first = ((java.sql.Date) span.get("first")).toLocalDate();
		LocalDate last = ((java.sql.Date) span.get("last")).toLocalDate();
		this.aggregates.refresh(AggregateWindow.days(first, last));
		return "aggregates refreshed for " + first + ((first.equals(last)) ? "" : ".." + last);
	}

	private static Timestamp start(LocalDate day) {
		return Timestamp.from(day.atStartOfDay(Units.BEIJING).toInstant());
	}

}
