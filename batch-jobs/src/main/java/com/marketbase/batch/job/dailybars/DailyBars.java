package com.marketbase.batch.job.dailybars;

import java.sql.PreparedStatement;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import com.marketbase.batch.source.SourceName;
import com.marketbase.batch.source.SourceResolver;
import com.marketbase.batch.support.pipeline.Dataset;
import com.marketbase.batch.support.pipeline.DatasetFeed;
import com.marketbase.batch.support.units.GapFinder;
import com.marketbase.batch.support.units.SymbolDay;
import com.marketbase.batch.warehouse.DailyBar;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One daily-bar dataset on the pipeline: what it reads from Tushare Pro (or the sandbox)
 * and the TDX gateway, and how its bars go into {@code market.bars_daily}. Tushare
 * publishes a day's bars between 15:00 and 16:00 Beijing time.
 *
 * @param kind which dataset
 * @param resolver the source resolver
 */
record DailyBars(DailyDataset kind, SourceResolver resolver) implements Dataset<DailyRow> {

	private static final Set<String> READS = Set.of(SourceName.TUSHARE.key(), SourceName.TDX.key(),
			SourceName.SANDBOX.key());

	@Override
	public String name() {
		return this.kind.dataset();
	}

	@Override
	public String propertyPrefix() {
		return this.kind.propertyPrefix();
	}

	@Override
	public Pattern codes() {
		return this.kind.codes();
	}

	@Override
	public String codeExample() {
		return this.kind.codeExample();
	}

	@Override
	public Set<String> sources() {
		return READS;
	}

	@Override
	public DatasetFeed<DailyRow> feed(String source) {
		SourceName name = SourceName.parse(source);
		return (name.protocol() == SourceName.TDX)
				? new TdxDailyFeed(this.resolver.tdx(), this.kind, this.resolver.reference(name))
				: new TushareDailyFeed(this.resolver.tushare(name), this.kind, this.resolver.reference(name));
	}

	@Override
	public LocalTime publishedAt() {
		return LocalTime.of(16, 0);
	}

	@Override
	public boolean bootstrapsInstruments() {
		// A fresh warehouse takes the listed A-shares and ETFs from the source; indexes
		// come with the instruments job.
		return this.kind != DailyDataset.INDEX_DAILY;
	}

	@Override
	public String storedCondition() {
		return GapFinder.DAILY_BARS;
	}

	@Override
	public String table() {
		return "market.bars_daily";
	}

	@Override
	public String rowsName() {
		return "bars";
	}

	@Override
	public String otherClassesHint() {
		return "daily loads stocks, index_daily indexes and etf_daily ETFs";
	}

	/**
	 * How many units the TDX gateway's per-code endpoints filled in for its bulk call.
	 */
	@Override
	public @Nullable String summaryNote(JdbcTemplate jdbc, long loadBatch) {
		Long filled = jdbc.queryForObject(
				"select count(*) from market.load_units where dataset = ? " + "and load_batch_id = ? and reason like ?",
				Long.class, name(), loadBatch, "%" + TdxDailyFeed.FALLBACK + "%");
		return (filled != null && filled > 0)
				? "bulk call fallback: " + filled + " unit(s) from the per-code endpoints (see the units' reasons)"
				: null;
	}

	@Override
	public SymbolDay unitOf(DailyRow row) {
		return new SymbolDay(row.bar().symbol(), row.bar().tradeDate());
	}

	@Override
	public void store(JdbcTemplate jdbc, List<DailyRow> rows, String source, long loadBatch) {
		jdbc.batchUpdate("""
				insert into market.bars_daily (symbol, trade_date, open, high, low, close, pre_close, volume, amount,
					adj_factor, source, load_batch_id)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				on conflict (symbol, trade_date) do update set open = excluded.open, high = excluded.high,
					low = excluded.low, close = excluded.close, pre_close = excluded.pre_close,
					volume = excluded.volume, amount = excluded.amount, adj_factor = excluded.adj_factor,
					source = excluded.source, load_batch_id = excluded.load_batch_id, loaded_at = now()
				""", rows, 500, (ps, row) -> {
			DailyBar bar = row.bar();
			ps.setString(1, bar.symbol());
			ps.setObject(2, bar.tradeDate());
			ps.setBigDecimal(3, bar.open());
			ps.setBigDecimal(4, bar.high());
			ps.setBigDecimal(5, bar.low());
			ps.setBigDecimal(6, bar.close());
			ps.setBigDecimal(7, bar.preClose());
			ps.setLong(8, bar.volume());
			ps.setBigDecimal(9, bar.amount());
			ps.setBigDecimal(10, row.factor());
			ps.setString(11, source);
			ps.setLong(12, loadBatch);
		});
		refreshPeriods(jdbc, rows);
	}

	/**
	 * Recomputes the weeks and months the stored rows fall in, in the same transaction,
	 * so weekly and monthly bars are never behind the daily ones they come from.
	 */
	private static void refreshPeriods(JdbcTemplate jdbc, List<DailyRow> rows) {
		if (rows.isEmpty()) {
			return;
		}
		Set<String> symbols = new TreeSet<>();
		TreeSet<LocalDate> days = new TreeSet<>();
		for (DailyRow row : rows) {
			days.add(row.bar().tradeDate());
			symbols.add(row.bar().symbol());
		}
		String[] list = symbols.toArray(String[]::new);
		LocalDate from = days.first();
		LocalDate to = days.last();
		jdbc.execute((ConnectionCallback<Void>) (connection) -> {
			try (PreparedStatement refresh = connection
				.prepareStatement("select market.refresh_period_bars(?, ?, ?)")) {
				refresh.setArray(1, connection.createArrayOf("text", list));
				refresh.setObject(2, from);
				refresh.setObject(3, to);
				refresh.execute();
			}
			return null;
		});
	}

}
