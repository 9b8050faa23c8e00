package com.marketbase.batch.job.fundnav;

import java.sql.Array;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;
import java.util.regex.Pattern;

import com.marketbase.batch.source.SourceName;
import com.marketbase.batch.source.SourceResolver;
import com.marketbase.batch.source.eastmoney.FundDay;
import com.marketbase.batch.source.eastmoney.FundNav;
import com.marketbase.batch.source.eastmoney.MoneyFundIncome;
import com.marketbase.batch.support.pipeline.Dataset;
import com.marketbase.batch.support.pipeline.DatasetFeed;
import com.marketbase.batch.support.units.SymbolDay;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code fund_nav} on the pipeline: an open-end fund owes a NAV (or, a money-market fund,
 * an income) on every open day from its inception. NAVs come out in the evening.
 * <p>
 * Storing a day's NAVs also scores that day's intraday estimates: each fund's last
 * estimate of the day per method goes to {@code market.fund_estimate_accuracy} with the
 * NAV it should have come close to.
 *
 * @param resolver the source resolver
 * @param historyStart where a full run without dates starts
 */
record FundNavs(SourceResolver resolver, LocalDate historyStart) implements Dataset<FundDay> {

	private static final Set<String> READS = Set.of(SourceName.EASTMONEY.key(), SourceName.SANDBOX.key());

	private static final Pattern CODES = Pattern.compile("\\d{6}\\.OF");

	@Override
	public String name() {
		return "fund_nav";
	}

	@Override
	public String propertyPrefix() {
		return "marketbase.jobs.fund-nav";
	}

	@Override
	public Pattern codes() {
		return CODES;
	}

	@Override
	public String codeExample() {
		return "open-end fund codes (like 000001.OF)";
	}

	@Override
	public Set<String> sources() {
		return READS;
	}

	@Override
	public DatasetFeed<FundDay> feed(String source) {
		SourceName name = SourceName.parse(source);
		// Eastmoney keeps no calendar; Tushare Pro's is read where a token is set.
		return new EastmoneyNavFeed(name, this.resolver.eastmoney(name), () -> {
			SourceName calendars = (name == SourceName.SANDBOX) ? name : SourceName.TUSHARE;
			try {
				this.resolver.requireConfigured(calendars);
			}
			catch (IllegalArgumentException ex) {
				return null;
			}
			return this.resolver.reference(calendars);
		});
	}

	/**
	 * Most funds have published by then; a few stragglers are healed the next evening.
	 */
	@Override
	public LocalTime publishedAt() {
		return LocalTime.of(22, 0);
	}

	@Override
	public boolean bootstrapsInstruments() {
		return false;
	}

	@Override
	public String storedCondition() {
		return "exists (select 1 from market.fund_nav n where n.symbol = i.symbol and n.nav_date = c.cal_date)";
	}

	@Override
	public String table() {
		return "market.fund_nav";
	}

	@Override
	public String rowsName() {
		return "NAVs";
	}

	@Override
	public String otherClassesHint() {
		return "fund_nav loads open-end funds (listed by job=instruments from fund_basic), etf_daily exchange-traded "
				+ "funds";
	}

	@Override
	public SymbolDay unitOf(FundDay row) {
		return new SymbolDay(symbol(row), row.date());
	}

	private static String symbol(FundDay row) {
		return row.code() + ".OF";
	}

	@Override
	public @Nullable LocalDate historyStart() {
		return this.historyStart;
	}

	@Override
	public void store(JdbcTemplate jdbc, List<FundDay> rows, String source, long loadBatch) {
		jdbc.batchUpdate("""
				insert into market.fund_nav (symbol, nav_date, unit_nav, accumulated_nav, change_percent,
					income_per_10k, seven_day_yield_percent, subscription, redemption, distribution,
					dividend_per_unit, source, load_batch_id)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				on conflict (symbol, nav_date) do update set unit_nav = excluded.unit_nav,
					accumulated_nav = excluded.accumulated_nav, change_percent = excluded.change_percent,
					income_per_10k = excluded.income_per_10k,
					seven_day_yield_percent = excluded.seven_day_yield_percent,
					subscription = excluded.subscription, redemption = excluded.redemption,
					distribution = excluded.distribution, dividend_per_unit = excluded.dividend_per_unit,
					source = excluded.source, load_batch_id = excluded.load_batch_id, loaded_at = now()
				""", rows, 500, (ps, row) -> {
			ps.setString(1, symbol(row));
			ps.setObject(2, row.date());
			if (row instanceof FundNav nav) {
				ps.setBigDecimal(3, nav.unitNav());
				ps.setBigDecimal(4, nav.accumulatedNav());
				ps.setBigDecimal(5, nav.changePercent());
				ps.setBigDecimal(6, null);
				ps.setBigDecimal(7, null);
			}
			else if (row instanceof MoneyFundIncome income) {
				ps.setBigDecimal(3, null);
				ps.setBigDecimal(4, null);
				ps.setBigDecimal(5, null);
				ps.setBigDecimal(6, income.incomePer10k());
				ps.setBigDecimal(7, income.sevenDayYieldPercent());
			}
			ps.setString(8, row.dealing().subscription());
			ps.setString(9, row.dealing().redemption());
			ps.setString(10, row.dealing().distribution());
			ps.setBigDecimal(11, row.dealing().dividendPerUnit());
			ps.setString(12, source);
			ps.setLong(13, loadBatch);
		});
		score(jdbc, rows);
	}

	/**
	 * Compares each fund's last estimate of a day, per method, with the NAV just stored:
	 * the error is the estimated change minus the actual one, in percentage points of the
	 * NAV the estimate started from. Estimates made from another base day than the NAV
	 * before the one stored are not scored, since they did not estimate this day.
	 */
	private static void score(JdbcTemplate jdbc, List<FundDay> rows) {
		String[] symbols = rows.stream()
			.filter(FundNav.class::isInstance)
			.map(FundNavs::symbol)
			.distinct()
			.toArray(String[]::new);
		if (symbols.length == 0) {
			return;
		}
		LocalDate first = rows.stream().map(FundDay::date).min(LocalDate::compareTo).orElseThrow();
		LocalDate last = rows.stream().map(FundDay::date).max(LocalDate::compareTo).orElseThrow();
		jdbc.update((connection) -> {
			var statement = connection.prepareStatement("""
					insert into market.fund_estimate_accuracy (symbol, nav_date, method, source, estimated_at,
						estimate, actual, base_nav, error_pp)
					select distinct on (e.symbol, e.trade_date, e.method) e.symbol, e.trade_date, e.method, e.source,
						e.estimated_at, e.estimate, n.unit_nav, e.base_nav,
						round((e.estimate - n.unit_nav) / e.base_nav * 100, 4)
					from market.fund_estimates e
					join market.fund_nav n on n.symbol = e.symbol and n.nav_date = e.trade_date
					where e.symbol = any(?) and e.trade_date between ? and ? and n.unit_nav is not null
						and n.distribution is null and n.dividend_per_unit is null
						and (n.source = 'sandbox') = (e.source like 'sandbox%')
						and e.base_nav_date = (select max(p.nav_date) from market.fund_nav p
							where p.symbol = e.symbol and p.nav_date < e.trade_date)
					order by e.symbol, e.trade_date, e.method, e.estimated_at desc
					on conflict (symbol, nav_date, method) do update set source = excluded.source,
						estimated_at = excluded.estimated_at, estimate = excluded.estimate, actual = excluded.actual,
						base_nav = excluded.base_nav, error_pp = excluded.error_pp
					""");
			Array array = connection.createArrayOf("text", symbols);
			statement.setArray(1, array);
			statement.setObject(2, first);
			statement.setObject(3, last);
			return statement;
		});
	}

	/** The mean absolute error per method of the estimates this run scored. */
	@Override
	public @Nullable String summaryNote(JdbcTemplate jdbc, long loadBatch) {
		StringJoiner methods = new StringJoiner(", ", "estimate error (mean absolute, percentage points): ", "");
		methods.setEmptyValue("");
		jdbc.query("""
				select a.method, count(*), avg(abs(a.error_pp))
				from market.fund_estimate_accuracy a
				join market.fund_nav n on n.symbol = a.symbol and n.nav_date = a.nav_date
				where n.load_batch_id = ?
				group by a.method order by a.method
				""", (rs) -> {
			methods.add(rs.getString(1) + " "
					+ rs.getBigDecimal(3).setScale(3, java.math.RoundingMode.HALF_UP).toPlainString() + " over "
					+ rs.getLong(2) + " fund-days");
		}, loadBatch);
		String note = methods.toString();
		return note.isEmpty() ? null : note;
	}

}
