package com.marketbase.batch.job.futdaily;

import java.time.LocalTime;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import com.marketbase.batch.source.SourceName;
import com.marketbase.batch.source.SourceResolver;
import com.marketbase.batch.support.pipeline.Dataset;
import com.marketbase.batch.support.pipeline.DatasetFeed;
import com.marketbase.batch.support.units.SymbolDay;
import com.marketbase.batch.warehouse.FuturesBar;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code fut_daily} on the pipeline: a contract owes a bar on every open day from its
 * listing to its last trading day. Tushare publishes a day's futures bars after the
 * exchanges' settlement, by 17:00 Beijing time.
 *
 * @param resolver the source resolver
 */
record FuturesDaily(SourceResolver resolver) implements Dataset<FuturesBar> {

	private static final Set<String> READS = Set.of(SourceName.TUSHARE.key(), SourceName.SANDBOX.key());

	private static final Pattern CODES = Pattern.compile("[A-Z]{1,2}\\d{3,4}\\.(CFX|SHF|DCE|ZCE|INE|GFE)");

	@Override
	public String name() {
		return "fut_daily";
	}

	@Override
	public String propertyPrefix() {
		return "marketbase.jobs.fut-daily";
	}

	@Override
	public Pattern codes() {
		return CODES;
	}

	@Override
	public String codeExample() {
		return "futures contracts in Tushare form (like IF2412.CFX, RB2605.SHF, CF609.ZCE)";
	}

	@Override
	public Set<String> sources() {
		return READS;
	}

	@Override
	public DatasetFeed<FuturesBar> feed(String source) {
		SourceName name = SourceName.parse(source);
		return new TushareFuturesFeed(this.resolver.tushare(name), this.resolver.reference(name));
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
		return "exists (select 1 from market.bars_futures_daily b where b.symbol = i.symbol and b.trade_date = c.cal_date)";
	}

	@Override
	public String table() {
		return "market.bars_futures_daily";
	}

	@Override
	public String rowsName() {
		return "bars";
	}

	@Override
	public String otherClassesHint() {
		return "fut_daily loads futures contracts, fut_mapping main-contract codes, sge_daily SGE spot and "
				+ "fx_daily FX pairs";
	}

	@Override
	public SymbolDay unitOf(FuturesBar row) {
		return new SymbolDay(row.symbol(), row.tradeDate());
	}

	@Override
	public void store(JdbcTemplate jdbc, List<FuturesBar> rows, String source, long loadBatch) {
		jdbc.batchUpdate("""
				insert into market.bars_futures_daily (symbol, trade_date, open, high, low, close, pre_close, settle,
					pre_settle, volume, amount, open_interest, open_interest_change, delivery_settle, source,
					load_batch_id)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				on conflict (symbol, trade_date) do update set open = excluded.open, high = excluded.high,
					low = excluded.low, close = excluded.close, pre_close = excluded.pre_close,
					settle = excluded.settle, pre_settle = excluded.pre_settle, volume = excluded.volume,
					amount = excluded.amount, open_interest = excluded.open_interest,
					open_interest_change = excluded.open_interest_change,
					delivery_settle = excluded.delivery_settle, source = excluded.source,
					load_batch_id = excluded.load_batch_id, loaded_at = now()
				""", rows, 500, (ps, bar) -> {
			ps.setString(1, bar.symbol());
			ps.setObject(2, bar.tradeDate());
			ps.setBigDecimal(3, bar.open());
			ps.setBigDecimal(4, bar.high());
			ps.setBigDecimal(5, bar.low());
			ps.setBigDecimal(6, bar.close());
			ps.setBigDecimal(7, bar.preClose());
			ps.setBigDecimal(8, bar.settle());
			ps.setBigDecimal(9, bar.preSettle());
			ps.setBigDecimal(10, bar.volume());
			ps.setBigDecimal(11, bar.amount());
			ps.setBigDecimal(12, bar.openInterest());
			ps.setBigDecimal(13, bar.openInterestChange());
			ps.setBigDecimal(14, bar.deliverySettle());
			ps.setString(15, source);
			ps.setLong(16, loadBatch);
		});
	}

}
