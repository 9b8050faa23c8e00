package com.marketbase.batch.job.sgedaily;

import java.time.LocalTime;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import com.marketbase.batch.source.SourceName;
import com.marketbase.batch.source.SourceResolver;
import com.marketbase.batch.support.pipeline.Dataset;
import com.marketbase.batch.support.pipeline.DatasetFeed;
import com.marketbase.batch.support.units.SymbolDay;
import com.marketbase.batch.warehouse.SpotBar;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code sge_daily} on the pipeline: an SGE spot contract owes a bar on every open day.
 * The day session closes at 15:30 Beijing time; Tushare has the bars by 17:00.
 *
 * @param resolver the source resolver
 */
record SpotDaily(SourceResolver resolver) implements Dataset<SpotBar> {

	private static final Set<String> READS = Set.of(SourceName.TUSHARE.key(), SourceName.SANDBOX.key());

	// Tushare writes SGE codes without suffix: Au99.99, Au(T+D), mAu(T+D), Ag99.99,
	// Pt99.95.
	private static final Pattern CODES = Pattern.compile("[A-Za-z]{1,5}(\\d{2,3}(\\.\\d{1,2})?|\\(T\\+D\\)|\\d{1,4}g)");

	@Override
	public String name() {
		return "sge_daily";
	}

	@Override
	public String propertyPrefix() {
		return "marketbase.jobs.sge-daily";
	}

	@Override
	public Pattern codes() {
		return CODES;
	}

	@Override
	public String codeExample() {
		return "SGE spot contracts as Tushare writes them, without suffix (like Au99.99, Au(T+D), Ag(T+D))";
	}

	@Override
	public Set<String> sources() {
		return READS;
	}

	@Override
	public DatasetFeed<SpotBar> feed(String source) {
		SourceName name = SourceName.parse(source);
		return new TushareSpotFeed(this.resolver.tushare(name), this.resolver.reference(name));
	}

	@Override
	public LocalTime publishedAt() {
		return LocalTime.of(17, 0);
	}

	@Override
	public boolean bootstrapsInstruments() {
		return false;
	}

	@Override
	public String storedCondition() {
		return "exists (select 1 from market.bars_spot_daily b where b.symbol = i.symbol and b.trade_date = c.cal_date)";
	}

	@Override
	public String table() {
		return "market.bars_spot_daily";
	}

	@Override
	public String rowsName() {
		return "bars";
	}

	@Override
	public String otherClassesHint() {
		return "sge_daily loads SGE spot contracts, fut_daily futures and fx_daily FX pairs";
	}

	@Override
	public SymbolDay unitOf(SpotBar row) {
		return new SymbolDay(row.symbol(), row.tradeDate());
	}

	@Override
	public void store(JdbcTemplate jdbc, List<SpotBar> rows, String source, long loadBatch) {
		jdbc.batchUpdate("""
				insert into market.bars_spot_daily (symbol, trade_date, open, high, low, close, price_avg, volume_kg,
					amount, open_interest, settle_volume, settle_direction, source, load_batch_id)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				on conflict (symbol, trade_date) do update set open = excluded.open, high = excluded.high,
					low = excluded.low, close = excluded.close, price_avg = excluded.price_avg,
					volume_kg = excluded.volume_kg, amount = excluded.amount, open_interest = excluded.open_interest,
					settle_volume = excluded.settle_volume, settle_direction = excluded.settle_direction,
					source = excluded.source, load_batch_id = excluded.load_batch_id, loaded_at = now()
				""", rows, 500, (ps, bar) -> {
			ps.setString(1, bar.symbol());
			ps.setObject(2, bar.tradeDate());
			ps.setBigDecimal(3, bar.open());
			ps.setBigDecimal(4, bar.high());
			ps.setBigDecimal(5, bar.low());
			ps.setBigDecimal(6, bar.close());
			ps.setBigDecimal(7, bar.averagePrice());
			ps.setBigDecimal(8, bar.volumeKg());
			ps.setBigDecimal(9, bar.amount());
			ps.setBigDecimal(10, bar.openInterest());
			ps.setBigDecimal(11, bar.settleVolume());
			ps.setString(12, bar.settleDirection());
			ps.setString(13, source);
			ps.setLong(14, loadBatch);
		});
	}

}
