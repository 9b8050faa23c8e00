package com.marketbase.batch.job.dailybasic;

import java.time.LocalTime;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import com.marketbase.batch.source.SourceName;
import com.marketbase.batch.source.SourceResolver;
import com.marketbase.batch.support.pipeline.Dataset;
import com.marketbase.batch.support.pipeline.DatasetFeed;
import com.marketbase.batch.support.units.SymbolDay;
import com.marketbase.batch.warehouse.DailyValuation;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code daily_basic} on the pipeline: a listed stock owes a row of indicators on every
 * open day of the SSE calendar, out from 17:00 (the source loads them 15:00 to 17:00).
 *
 * @param resolver the source resolver
 */
record DailyBasic(SourceResolver resolver) implements Dataset<DailyValuation> {

	private static final Set<String> READS = Set.of(SourceName.TUSHARE.key(), SourceName.SANDBOX.key());

	private static final Pattern CODES = Pattern.compile("\\d{6}\\.(SH|SZ|BJ)");

	@Override
	public String name() {
		return "daily_basic";
	}

	@Override
	public String propertyPrefix() {
		return "marketbase.jobs.daily-basic";
	}

	@Override
	public Pattern codes() {
		return CODES;
	}

	@Override
	public String codeExample() {
		return "stock codes in Tushare form (like 600000.SH, 000001.SZ)";
	}

	@Override
	public Set<String> sources() {
		return READS;
	}

	@Override
	public DatasetFeed<DailyValuation> feed(String source) {
		SourceName name = SourceName.parse(source);
		return new TushareDailyBasicFeed(this.resolver.tushare(name), this.resolver.reference(name));
	}

	@Override
	public LocalTime publishedAt() {
		return LocalTime.of(17, 0);
	}

	@Override
	public boolean bootstrapsInstruments() {
		return true;
	}

	@Override
	public String storedCondition() {
		return "exists (select 1 from market.stock_daily_basic b where b.symbol = i.symbol and b.trade_date = c.cal_date)";
	}

	@Override
	public String table() {
		return "market.stock_daily_basic";
	}

	@Override
	public String rowsName() {
		return "rows";
	}

	@Override
	public String otherClassesHint() {
		return "daily_basic loads stocks' indicators; ETFs and indexes have none";
	}

	@Override
	public SymbolDay unitOf(DailyValuation row) {
		return new SymbolDay(row.symbol(), row.tradeDate());
	}

	@Override
	public void store(JdbcTemplate jdbc, List<DailyValuation> rows, String source, long loadBatch) {
		jdbc.batchUpdate("""
				insert into market.stock_daily_basic (symbol, trade_date, close, turnover_rate, turnover_rate_free,
					volume_ratio, pe, pe_ttm, pb, ps, ps_ttm, dividend_yield, dividend_yield_ttm, total_shares,
					float_shares, free_shares, total_market_value, float_market_value, source, load_batch_id)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				on conflict (symbol, trade_date) do update set close = excluded.close,
					turnover_rate = excluded.turnover_rate, turnover_rate_free = excluded.turnover_rate_free,
					volume_ratio = excluded.volume_ratio, pe = excluded.pe, pe_ttm = excluded.pe_ttm,
					pb = excluded.pb, ps = excluded.ps, ps_ttm = excluded.ps_ttm,
					dividend_yield = excluded.dividend_yield, dividend_yield_ttm = excluded.dividend_yield_ttm,
					total_shares = excluded.total_shares, float_shares = excluded.float_shares,
					free_shares = excluded.free_shares, total_market_value = excluded.total_market_value,
					float_market_value = excluded.float_market_value, source = excluded.source,
					load_batch_id = excluded.load_batch_id, loaded_at = now()
				""", rows, 500, (ps, row) -> {
			ps.setString(1, row.symbol());
			ps.setObject(2, row.tradeDate());
			ps.setBigDecimal(3, row.close());
			ps.setBigDecimal(4, row.turnoverRate());
			ps.setBigDecimal(5, row.turnoverRateFree());
			ps.setBigDecimal(6, row.volumeRatio());
			ps.setBigDecimal(7, row.pe());
			ps.setBigDecimal(8, row.peTtm());
			ps.setBigDecimal(9, row.pb());
			ps.setBigDecimal(10, row.ps());
			ps.setBigDecimal(11, row.psTtm());
			ps.setBigDecimal(12, row.dividendYield());
			ps.setBigDecimal(13, row.dividendYieldTtm());
			ps.setBigDecimal(14, row.totalShares());
			ps.setBigDecimal(15, row.floatShares());
			ps.setBigDecimal(16, row.freeShares());
			ps.setBigDecimal(17, row.totalMarketValue());
			ps.setBigDecimal(18, row.floatMarketValue());
			ps.setString(19, source);
			ps.setLong(20, loadBatch);
		});
	}

}
