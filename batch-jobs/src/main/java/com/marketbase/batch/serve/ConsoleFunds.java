package com.marketbase.batch.serve;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import com.marketbase.batch.funds.FundQueue;
import com.marketbase.batch.funds.FundTier;
import com.marketbase.batch.funds.FundsProperties;
import com.marketbase.batch.source.Units;
import com.marketbase.console.action.ActionConflictException;
import com.marketbase.console.funds.FundFacts;

/**
 * Funds as the console shows them: read from the warehouse, with refreshes and syncs
 * queued on the fund queue. Only inline modes (an operator's NAV sync, or estimates with
 * {@code marketbase.funds.async-estimates=false}) call a source inside a request.
 */
@Component
class ConsoleFunds implements FundFacts {

	/** Histogram bins of estimate errors: 0.1 percentage point wide, from -1 to +1. */
	private static final BigDecimal BIN_FROM = new BigDecimal("-1.0");

	private static final BigDecimal BIN_WIDTH = new BigDecimal("0.1");

	private static final int BINS = 22;

	private final JdbcTemplate jdbc;

	private final FundQueue queue;

	private final FundsProperties properties;

	private final Clock clock;

	ConsoleFunds(DataSource dataSource, FundQueue queue, FundsProperties properties, Clock clock) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.queue = queue;
		this.properties = properties;
		this.clock = clock;
	}

	@Override
	public List<String> unknown(List<String> symbols) {
		Set<String> known = new HashSet<>(this.jdbc.queryForList(
				"select symbol from market.instruments where asset_class = 'fund' and symbol = any(?::text[])",
				String.class, (Object) symbols.toArray(String[]::new)));
		return symbols.stream().filter((symbol) -> !known.contains(symbol)).toList();
	}

	@Override
	public List<Estimate> estimates(List<String> symbols, boolean mayCallSources) {
		List<Estimate> answers = new ArrayList<>();
		int inline = 0;
		for (String symbol : symbols) {
			Cached cached = cached(symbol, false);
			Estimate estimate = cached.estimate();
			boolean due = estimate.stale() || estimate.estimate() == null;
			if (due && !cached.moneyMarket()) {
				if (mayCallSources && !this.properties.asyncEstimates() && inline < this.properties.inlineCodes()) {
					inline++;
					try {
						this.queue.refreshNow(symbol);
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
					estimate = cached(symbol, false).estimate();
				}
				else if (this.queue.enqueue(symbol, this.queue.tierOf(symbol))) {
					estimate = cached(symbol, true).estimate();
				}
			}
			answers.add(estimate);
		}
		return answers;
	}

	/** A cached estimate with what deciding about a refresh needs. */
	private record Cached(Estimate estimate, boolean moneyMarket) {
	}

	private Cached cached(String symbol, boolean queued) {
		FundTier tier = this.queue.tierOf(symbol);
		Map<String, Object> fund = this.jdbc.queryForMap("""
				select i.name, coalesce(f.money_market, false) as money_market, s.last_outcome
				from market.instruments i
				left join market.funds f on f.symbol = i.symbol
				left join market.fund_estimate_state s on s.symbol = i.symbol
				where i.symbol = ?
				""", symbol);
		boolean moneyMarket = (Boolean) fund.get("money_market");
		String name = (String) fund.get("name");
		String note = moneyMarket ? "a money-market fund has no intraday estimate" : (String) fund.get("last_outcome");
		List<Map<String, Object>> latest = this.jdbc.queryForList("""
				select estimate, change_percent, estimated_at, made_at, method, source, base_nav, base_nav_date,
					holdings_period, holdings_coverage_percent
				from market.fund_estimates where symbol = ? order by made_at desc, estimated_at desc limit 1
				""", symbol);
		if (latest.isEmpty()) {
			return new Cached(new Estimate(symbol, name, null, null, null, null, null, null, null, null, null, null,
					tier.key(), !moneyMarket, queued, (note != null) ? note : "no estimate yet"), moneyMarket);
		}
		Map<String, Object> row = latest.get(0);
		Instant refreshed = ((Timestamp) row.get("made_at")).toInstant();
		return new Cached(
				new Estimate(symbol, name, (BigDecimal) row.get("estimate"), (BigDecimal) row.get("change_percent"),
						((Timestamp) row.get("estimated_at")).toInstant(), refreshed, (String) row.get("method"),
						(String) row.get("source"), (BigDecimal) row.get("base_nav"), date(row.get("base_nav_date")),
						date(row.get("holdings_period")), (BigDecimal) row.get("holdings_coverage_percent"), tier.key(),
						this.queue.stale(refreshed, tier), queued, note),
				moneyMarket);
	}

	private static @Nullable LocalDate date(@Nullable Object value) {
		if (value instanceof java.sql.Date day) {
			return day.toLocalDate();
		}
		return (value instanceof LocalDate day) ? day : null;
	}

	@Override
	public NavSync syncNavHistory(List<String> symbols, boolean inline) {
		if (inline) {
			try {
				return new NavSync(false, "inline", symbols, 0, this.queue.syncNow(symbols));
			}
			catch (IllegalArgumentException | IllegalStateException ex) {
				// The launch refused (a calendar it lacks, a switch off) or could not
				// run.
				throw new ActionConflictException(ex.getMessage());
			}
		}
		int queued = 0;
		for (String symbol : symbols) {
			queued += this.queue.enqueueNavSync(symbol) ? 1 : 0;
		}
		return new NavSync(true, "enqueue", symbols, queued, null);
	}

	@Override
	public int inlineLimit() {
		return this.properties.inlineCodes();
	}

	@Override
	public List<Followed> watchlist() {
		return this.jdbc.query("""
				select w.symbol, i.name, w.added_by, w.added_at from market.fund_watchlist w
				join market.instruments i on i.symbol = w.symbol order by w.symbol
				""", (rs, row) -> new Followed(rs.getString(1), rs.getString(2), rs.getString(3),
				rs.getTimestamp(4).toInstant()));
	}

	@Override
	public boolean watch(String symbol, String by) {
		boolean added = this.jdbc.update(
				"insert into market.fund_watchlist (symbol, added_by) values (?, ?) on conflict do nothing", symbol,
				by) > 0;
		this.queue.enqueue(symbol, FundTier.WATCHLIST);
		return added;
	}

	@Override
	public boolean unwatch(String symbol) {
		return this.jdbc.update("delete from market.fund_watchlist where symbol = ?", symbol) > 0;
	}

	@Override
	public List<Position> positions() {
		return this.jdbc.query("""
				select p.symbol, i.name, p.units, case when n.nav_date >= ? then null else e.estimate end,
					n.unit_nav, p.updated_by, p.updated_at
				from market.fund_positions p
				join market.instruments i on i.symbol = p.symbol
				left join lateral (select estimate from market.fund_estimates x where x.symbol = p.symbol
					and x.trade_date = ? order by x.made_at desc limit 1) e on true
				left join lateral (select unit_nav, nav_date from market.fund_nav v where v.symbol = p.symbol
					and v.unit_nav is not null order by v.nav_date desc limit 1) n on true
				order by p.symbol
				""", (rs, row) -> {
			BigDecimal units = rs.getBigDecimal(3);
			BigDecimal estimate = rs.getBigDecimal(4);
			BigDecimal price = (estimate != null) ? estimate : rs.getBigDecimal(5);
			return new Position(rs.getString(1), rs.getString(2), units, estimate,
					(price != null) ? price.multiply(units).setScale(2, RoundingMode.HALF_UP) : null, rs.getString(6),
					rs.getTimestamp(7).toInstant());
		}, today(), today());
	}

	/**
	 * Today in Beijing: once its NAV is in, a position is valued at it, not at an
	 * estimate.
	 */
	private LocalDate today() {
		return LocalDate.now(this.clock.withZone(Units.BEIJING));
	}

	@Override
	public Position hold(String symbol, BigDecimal units, String by) {
		this.jdbc.update("""
				insert into market.fund_positions (symbol, units, updated_by) values (?, ?, ?)
				on conflict (symbol) do update set units = excluded.units, updated_by = excluded.updated_by,
					updated_at = now()
				""", symbol, units, by);
		this.queue.enqueue(symbol, this.queue.tierOf(symbol));
		return positions().stream().filter((position) -> position.code().equals(symbol)).findFirst().orElseThrow();
	}

	@Override
	public boolean release(String symbol) {
		return this.jdbc.update("delete from market.fund_positions where symbol = ?", symbol) > 0;
	}

	@Override
	public @Nullable Fund fund(String symbol, int navDays) {
		List<Map<String, Object>> found = this.jdbc.queryForList("""
				select i.name, f.fund_type, coalesce(f.money_market, false) as money_market from market.instruments i
				left join market.funds f on f.symbol = i.symbol where i.symbol = ? and i.asset_class = 'fund'
				""", symbol);
		if (found.isEmpty()) {
			return null;
		}
		List<NavDay> navs = this.jdbc.query("""
				select nav_date, unit_nav, accumulated_nav, change_percent, income_per_10k, seven_day_yield_percent,
					subscription, redemption, distribution
				from market.fund_nav where symbol = ? order by nav_date desc limit ?
				""",
				(rs, row) -> new NavDay(rs.getObject(1, LocalDate.class), rs.getBigDecimal(2), rs.getBigDecimal(3),
						rs.getBigDecimal(4), rs.getBigDecimal(5), rs.getBigDecimal(6), rs.getString(7), rs.getString(8),
						rs.getString(9)),
				symbol, navDays);
		List<EstimatePoint> today = this.jdbc.query("""
				select estimated_at, method, estimate, change_percent from market.fund_estimates
				where symbol = ? and trade_date = (select max(trade_date) from market.fund_estimates where symbol = ?)
				order by estimated_at
				""", (rs, row) -> new EstimatePoint(rs.getTimestamp(1).toInstant(), rs.getString(2),
				rs.getBigDecimal(3), rs.getBigDecimal(4)), symbol, symbol);
		List<Scored> scored = this.jdbc.query("""
				select nav_date, method, source, estimate, actual, error_pp from market.fund_estimate_accuracy
				where symbol = ? order by nav_date desc, method limit ?
				""", (rs, row) -> new Scored(rs.getObject(1, LocalDate.class), rs.getString(2), rs.getString(3),
				rs.getBigDecimal(4), rs.getBigDecimal(5), rs.getBigDecimal(6)), symbol, navDays * 2);
		Map<String, Object> fund = found.get(0);
		return new Fund(symbol, (String) fund.get("name"), (String) fund.get("fund_type"),
				(Boolean) fund.get("money_market"), navs, today, scored);
	}

	@Override
	public Accuracy accuracy(int days) {
		LocalDate from = LocalDate.now(this.clock.withZone(Units.BEIJING)).minusDays(days);
		Map<String, long[]> bins = new HashMap<>();
		this.jdbc.query("""
				select method, least(greatest(floor((error_pp - ?) / ?)::int + 1, 0), ?) as bin, count(*)
				from market.fund_estimate_accuracy where nav_date >= ? group by 1, 2
				""", (rs) -> {
			bins.computeIfAbsent(rs.getString(1), (method) -> new long[BINS])[rs.getInt(2)] = rs.getLong(3);
		}, BIN_FROM, BIN_WIDTH, BINS - 1, from);
		List<MethodAccuracy> methods = this.jdbc.query("""
				select method, count(*), avg(abs(error_pp)) from market.fund_estimate_accuracy
				where nav_date >= ? group by method order by method
				""",
				(rs, row) -> new MethodAccuracy(rs.getString(1), rs.getLong(2),
						rs.getBigDecimal(3).setScale(4, RoundingMode.HALF_UP),
						java.util.Arrays.stream(bins.getOrDefault(rs.getString(1), new long[BINS])).boxed().toList(),
						BIN_FROM, BIN_WIDTH),
				from);
		List<FundError> worst = this.jdbc.query("""
				select a.symbol, i.name, a.method, count(*), avg(abs(a.error_pp)) as mae
				from market.fund_estimate_accuracy a join market.instruments i on i.symbol = a.symbol
				where a.nav_date >= ? group by a.symbol, i.name, a.method order by mae desc, a.symbol limit 20
				""", (rs, row) -> new FundError(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
				rs.getBigDecimal(5).setScale(4, RoundingMode.HALF_UP)), from);
		return new Accuracy(from, methods, worst);
	}

	@Override
	public Queue queue(int limit) {
		List<FundQueue.Queued> all = this.queue.queued()
			.stream()
			.filter((queued) -> !queued.task().equals("fund-follow"))
			.toList();
		Instant now = this.clock.instant();
		long due = all.stream().filter((queued) -> !queued.running() && !queued.due().isAfter(now)).count();
		long running = all.stream().filter(FundQueue.Queued::running).count();
		List<Queued> shown = all.stream()
			.limit(limit)
			.map((queued) -> new Queued(queued.task(), queued.fund(), FundTier.keyOf(queued.priority()), queued.due(),
					queued.running(), queued.worker()))
			.toList();
		return new Queue(shown, due, running, all.size());
	}

}
