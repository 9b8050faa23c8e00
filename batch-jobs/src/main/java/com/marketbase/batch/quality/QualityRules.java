package com.marketbase.batch.quality;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs the data-quality rules over a window of trading days. Each rule is one
 * {@code insert ... select} over the warehouse, so the rows never leave the database; a
 * run replaces the window's findings in one transaction, so a row corrected since the
 * last run leaves no finding behind and a run repeated finds each problem once.
 */
public final class QualityRules {

	/** The most days one run reads. */
	public static final int MAX_DAYS = 400;

	/** The most findings a listing returns. */
	static final int MAX_LISTED = 1000;

	// The dataset of a row of bars_daily, by its instrument's asset class.
	private static final String DAILY_DATASET = "case i.asset_class when 'etf' then 'etf_daily' "
			+ "when 'index' then 'index_daily' else 'daily' end";

	private static final String INSERT = "insert into market.quality_findings "
			+ "(rule, dataset, symbol, trade_date, severity, detail) ";

	/**
	 * The rules by name, each an insert of its findings for the days between its two
	 * parameters (given as often as it has pairs of them).
	 */
	static final Map<String, String> RULES = rules();

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transaction;

	public QualityRules(DataSource dataSource) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
	}

	private static Map<String, String> rules() {
		Map<String, String> rules = new LinkedHashMap<>();
		// The band is the board's: ±30 % on Beijing, ±20 % on STAR and (from its reform
		// of
		// 2020-08-24) ChiNext, ±10 % elsewhere and ±5 % for a main-board ST stock. A new
		// listing trades without one for its first five days. Limit prices are rounded to
		// the fen. The ST mark is read from today's name: a breach of the ST band alone
		// is
		// a warning, since the stock may not have been ST that day.
		rules.put("limit_band",
				INSERT + """
						select 'limit_band', 'daily', b.symbol, b.trade_date,
						       case when b.high > p.board_up or b.low < p.board_down then 'blocking' else 'warning' end,
						       format('high %s, low %s outside the %s band of %s to %s around the previous close %s%s',
						              b.high, b.low, '±' || (l.band * 100)::int || ' %', p.down, p.up, b.pre_close,
						              case when l.band < k.board then ' (ST by today''s name)' else '' end)
						from market.bars_daily b
						join market.instruments i on i.symbol = b.symbol and i.asset_class = 'stock'
						cross join lateral (select case
						        when i.exchange = 'BSE' then 0.30
						        when (b.symbol like '300%' or b.symbol like '301%') and b.trade_date >= date '2020-08-24' then 0.20
						        when b.symbol like '688%' or b.symbol like '689%' then 0.20
						        else 0.10 end as board) k
						cross join lateral (select case when k.board = 0.10 and i.name like '%ST%' then 0.05
						        else k.board end as band) l
						cross join lateral (select round(b.pre_close * (1 + l.band), 2) as up,
						        round(b.pre_close * (1 - l.band), 2) as down,
						        round(b.pre_close * (1 + k.board), 2) as board_up,
						        round(b.pre_close * (1 - k.board), 2) as board_down) p
						where b.trade_date between ? and ? and b.pre_close > 0
						  and (b.high > p.up or b.low < p.down)
						  and (i.list_date is null or b.trade_date > coalesce((select max(f.cal_date) from (
						        select c.cal_date from market.trading_calendar c where c.exchange = 'SSE' and c.is_open
						          and c.cal_date >= i.list_date order by c.cal_date limit 5) f), i.list_date))
						on conflict do nothing""");
		rules.put("zero_volume_price_change", INSERT + "select 'zero_volume_price_change', " + DAILY_DATASET + """
				, b.symbol, b.trade_date, 'blocking',
				       format('volume 0, but the close %s differs from the previous close %s', b.close, b.pre_close)
				from market.bars_daily b join market.instruments i on i.symbol = b.symbol
				where b.trade_date between ? and ? and b.volume = 0 and b.pre_close > 0 and b.close <> b.pre_close
				  -- An index's level moves without a volume of its own (bond and total-return indexes).
				  and i.asset_class in ('stock', 'etf')
				on conflict do nothing""");
		rules.put("ohlc_inconsistent", INSERT + "select 'ohlc_inconsistent', " + DAILY_DATASET + """
				, b.symbol, b.trade_date, 'blocking',
				       format('open %s, high %s, low %s, close %s: the high and low do not bound the day', b.open,
				              b.high, b.low, b.close)
				from market.bars_daily b left join market.instruments i on i.symbol = b.symbol
				where b.trade_date between ? and ?
				  and (b.high < greatest(b.open, b.close) or b.low > least(b.open, b.close) or b.low <= 0)
				union all
				select 'ohlc_inconsistent', 'fut_daily', f.symbol, f.trade_date, 'blocking',
				       format('open %s, high %s, low %s, close %s: the high and low do not bound the day', f.open,
				              f.high, f.low, f.close)
				from market.bars_futures_daily f
				where f.trade_date between ? and ? and f.volume > 0
				  and (f.high < greatest(f.open, f.close) or f.low > least(f.open, f.close) or f.low <= 0)
				union all
				select 'ohlc_inconsistent', 'sge_daily', s.symbol, s.trade_date, 'blocking',
				       format('open %s, high %s, low %s, close %s: the high and low do not bound the day', s.open,
				              s.high, s.low, s.close)
				from market.bars_spot_daily s
				where s.trade_date between ? and ? and s.volume_kg > 0
				  and (s.high < greatest(s.open, s.close) or s.low > least(s.open, s.close) or s.low <= 0)
				on conflict do nothing""");
		// On a corporate action's day the exchange adjusts the previous close; a factor
		// that
		// moves while the previous close is the last close moved without one.
		rules.put("adj_factor_jump", INSERT + """
				select 'adj_factor_jump', 'daily', d.symbol, d.trade_date, 'blocking',
				       format('the adjustment factor moved from %s to %s, but the previous close %s is the last '
				              || 'close of %s: no corporate action that day', d.last_factor, d.adj_factor,
				              d.pre_close, d.last_day)
				from (select b.symbol, b.trade_date, b.adj_factor, b.pre_close,
				             lag(b.adj_factor) over w as last_factor, lag(b.close) over w as last_close,
				             lag(b.trade_date) over w as last_day
				      from market.bars_daily b
				      where b.trade_date between ?::date - 40 and ? and b.adj_factor is not null
				      window w as (partition by b.symbol order by b.trade_date)) d
				where d.trade_date between ? and ? and d.last_factor is not null
				  and d.adj_factor <> d.last_factor and d.pre_close = d.last_close
				on conflict do nothing""");
		rules.put("fx_bid_above_ask", INSERT + """
				select 'fx_bid_above_ask', 'fx_daily', x.symbol, x.trade_date, 'blocking',
				       format('a bid above its ask (bid/ask): open %s/%s, high %s/%s, low %s/%s, close %s/%s',
				              x.bid_open, x.ask_open, x.bid_high, x.ask_high, x.bid_low, x.ask_low, x.bid_close,
				              x.ask_close)
				from market.bars_fx_daily x
				where x.trade_date between ? and ?
				  and (x.bid_open > x.ask_open or x.bid_high > x.ask_high or x.bid_low > x.ask_low
				       or x.bid_close > x.ask_close)
				on conflict do nothing""");
		rules.put("settle_outside_range", INSERT + """
				select 'settle_outside_range', 'fut_daily', f.symbol, f.trade_date, 'blocking',
				       format('settle %s outside the day''s range of %s to %s', f.settle, f.low, f.high)
				from market.bars_futures_daily f
				where f.trade_date between ? and ? and f.volume > 0 and f.settle is not null
				  and (f.settle > f.high or f.settle < f.low)
				on conflict do nothing""");
		return rules;
	}

	/**
	 * Runs every rule over some days, replacing their findings.
	 * @param from the first day
	 * @param to the last day
	 * @return the findings of those days, blocking first
	 * @throws IllegalArgumentException for a window upside down or longer than
	 * {@value #MAX_DAYS} days
	 */
	public List<Finding> run(LocalDate from, LocalDate to) {
		if (from.isAfter(to)) {
			throw new IllegalArgumentException(
					"The rules read from " + from + " to " + to + ": the first day is after " + "the last.");
		}
		if (from.plusDays(MAX_DAYS).isBefore(to)) {
			throw new IllegalArgumentException(
					"The rules read at most " + MAX_DAYS + " days at once; " + from + " to " + to + " is longer.");
		}
		this.transaction.executeWithoutResult((status) -> {
			// A finding found again keeps when it was first stored: the gate replays the
			// past by it.
			this.jdbc.update(
					"create temporary table quality_kept on commit drop as select rule, dataset, symbol, "
							+ "trade_date, found_at from market.quality_findings where trade_date between ? and ?",
					from, to);
			this.jdbc.update("delete from market.quality_findings where trade_date between ? and ?", from, to);
			RULES.values().forEach((rule) -> {
				int pairs = (int) rule.chars().filter((c) -> c == '?').count() / 2;
				Object[] days = new Object[pairs * 2];
				for (int i = 0; i < pairs; i++) {
					days[2 * i] = from;
					days[2 * i + 1] = to;
				}
				this.jdbc.update(rule, days);
			});
			this.jdbc.update("""
					update market.quality_findings f set found_at = k.found_at from quality_kept k
					where f.rule = k.rule and f.dataset = k.dataset and f.symbol = k.symbol
					  and f.trade_date = k.trade_date""");
		});
		return findings(from, to);
	}

	/**
	 * How many findings each rule stored for some days.
	 * @param from the first day
	 * @param to the last day
	 * @return rule to its blocking and warning counts
	 */
	public Map<String, long[]> counts(LocalDate from, LocalDate to) {
		Map<String, long[]> counts = new java.util.TreeMap<>();
		this.jdbc.query("select rule, severity, count(*) from market.quality_findings where trade_date between ? "
				+ "and ? group by rule, severity", (rs) -> {
					counts.computeIfAbsent(rs.getString(1),
							(rule) -> new long[2])[Finding.BLOCKING.equals(rs.getString(2)) ? 0 : 1] += rs.getLong(3);
				}, from, to);
		return counts;
	}

	/**
	 * The findings stored for some days.
	 * @param from the first day
	 * @param to the last day
	 * @return at most {@value #MAX_LISTED} findings, blocking first, then by day, newest
	 * first
	 */
	public List<Finding> findings(LocalDate from, LocalDate to) {
		return this.jdbc.query("""
				select rule, dataset, symbol, trade_date, severity, detail from market.quality_findings
				where trade_date between ? and ?
				order by severity = 'blocking' desc, trade_date desc, dataset, symbol, rule limit ?""",
				(rs, row) -> new Finding(rs.getString(1), rs.getString(2), rs.getString(3),
						rs.getObject(4, LocalDate.class), rs.getString(5), rs.getString(6)),
				from, to, MAX_LISTED);
	}

}
