package com.marketbase.batch.job.fxdaily;

import java.time.LocalTime;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import com.marketbase.batch.source.SourceName;
import com.marketbase.batch.source.SourceResolver;
import com.marketbase.batch.support.pipeline.Dataset;
import com.marketbase.batch.support.pipeline.DatasetFeed;
import com.marketbase.batch.support.units.SymbolDay;
import com.marketbase.batch.warehouse.FxBar;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code fx_daily} on the pipeline: a followed pair owes a bar on every weekday (the FXCM
 * calendar). Days are GMT dates: the bar of day d ends at midnight GMT, 08:00 Beijing
 * time on d + 1, and is taken as out from 08:30 then.
 *
 * @param resolver the source resolver
 */
record FxDaily(SourceResolver resolver) implements Dataset<FxBar> {

	private static final Set<String> READS = Set.of(SourceName.TUSHARE.key(), SourceName.SANDBOX.key());

	private static final Pattern CODES = Pattern.compile("[A-Z]{6}\\.FXCM");

	@Override
	public String name() {
		return "fx_daily";
	}

	@Override
	public String propertyPrefix() {
		return "marketbase.jobs.fx-daily";
	}

	@Override
	public Pattern codes() {
		return CODES;
	}

	@Override
	public String codeExample() {
		return "FX pairs in Tushare form (like USDCNH.FXCM, EURUSD.FXCM)";
	}

	@Override
	public Set<String> sources() {
		return READS;
	}

	@Override
	public DatasetFeed<FxBar> feed(String source) {
		SourceName name = SourceName.parse(source);
		return new TushareFxFeed(this.resolver.tushare(name), this.resolver.reference(name));
	}

	@Override
	public LocalTime publishedAt() {
		return LocalTime.of(8, 30);
	}

	@Override
	public int publishedDaysLater() {
		return 1;
	}

	@Override
	public boolean bootstrapsInstruments() {
		return false;
	}

	@Override
	public String storedCondition() {
		return "exists (select 1 from market.bars_fx_daily b where b.symbol = i.symbol and b.trade_date = c.cal_date)";
	}

	@Override
	public String table() {
		return "market.bars_fx_daily";
	}

	@Override
	public String rowsName() {
		return "bars";
	}

	@Override
	public String otherClassesHint() {
		return "fx_daily loads FX pairs (those of marketbase.sources.fx-pairs), fut_daily futures and sge_daily "
				+ "SGE spot";
	}

	@Override
	public SymbolDay unitOf(FxBar row) {
		return new SymbolDay(row.symbol(), row.tradeDate());
	}

	@Override
	public void store(JdbcTemplate jdbc, List<FxBar> rows, String source, long loadBatch) {
		jdbc.batchUpdate("""
				insert into market.bars_fx_daily (symbol, trade_date, bid_open, bid_high, bid_low, bid_close,
					ask_open, ask_high, ask_low, ask_close, tick_count, source, load_batch_id)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				on conflict (symbol, trade_date) do update set bid_open = excluded.bid_open,
					bid_high = excluded.bid_high, bid_low = excluded.bid_low, bid_close = excluded.bid_close,
					ask_open = excluded.ask_open, ask_high = excluded.ask_high, ask_low = excluded.ask_low,
					ask_close = excluded.ask_close, tick_count = excluded.tick_count, source = excluded.source,
					load_batch_id = excluded.load_batch_id, loaded_at = now()
				""", rows, 500, (ps, bar) -> {
			ps.setString(1, bar.symbol());
			ps.setObject(2, bar.tradeDate());
			ps.setBigDecimal(3, bar.bidOpen());
			ps.setBigDecimal(4, bar.bidHigh());
			ps.setBigDecimal(5, bar.bidLow());
			ps.setBigDecimal(6, bar.bidClose());
			ps.setBigDecimal(7, bar.askOpen());
			ps.setBigDecimal(8, bar.askHigh());
			ps.setBigDecimal(9, bar.askLow());
			ps.setBigDecimal(10, bar.askClose());
			ps.setObject(11, bar.ticks());
			ps.setString(12, source);
			ps.setLong(13, loadBatch);
		});
	}

}
