package com.marketbase.batch.funds;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import com.marketbase.batch.source.PermanentSourceException;
import com.marketbase.batch.source.SourceException;
import com.marketbase.batch.source.eastmoney.FundEstimate;
import com.marketbase.batch.source.eastmoney.FundValuation;
import com.marketbase.batch.support.rows.Fetched;
import com.marketbase.batch.warehouse.FundHolding;

/**
 * Makes one fund's intraday estimate and keeps it. Eastmoney's own estimate comes first
 * where it has one; otherwise Marketbase estimates from the fund's latest disclosed
 * holdings (announced by today): each priced holding's change since the previous close,
 * from the warehouse's 1-minute bars of today so far, weighted by its disclosed share of
 * the net assets, the priced part scaled up to the whole disclosed stock weight, and the
 * rest of the portfolio taken as flat. Each estimate keeps its method, its inputs (the
 * holdings' period, the share priced) and the NAV it starts from.
 */
public final class FundEstimator {

	private static final Logger logger = LoggerFactory.getLogger(FundEstimator.class);

	private final JdbcTemplate jdbc;

	private final FundSources sources;

	private final FundsProperties properties;

	private final Clock clock;

	private final TradingHours hours;

	private final AtomicBoolean fundgzRetired = new AtomicBoolean();

	FundEstimator(DataSource dataSource, FundSources sources, FundsProperties properties, Clock clock,
			TradingHours hours) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.sources = sources;
		this.properties = properties;
		this.clock = clock;
		this.hours = hours;
	}

	/**
	 * What one attempt came to.
	 *
	 * @param estimated whether an estimate was stored
	 * @param text what happened, for the state and the logs
	 * @param soon whether trying again within a minute may give one (prices not in yet, a
	 * source call that failed), rather than after the tier's interval
	 */
	record Outcome(boolean estimated, String text, boolean soon) {

		Outcome(boolean estimated, String text) {
			this(estimated, text, false);
		}

	}

	/**
	 * Estimates one fund now and records the attempt.
	 * @param symbol the fund, for example {@code 000001.OF}
	 * @param tier its tier, recorded with the state
	 * @return the outcome
	 * @throws InterruptedException when interrupted while waiting for the pace
	 */
	Outcome estimate(String symbol, FundTier tier) throws InterruptedException {
		Instant now = this.clock.instant();
		Outcome outcome;
		try {
			outcome = attempt(symbol, now);
		}
		catch (SourceException ex) {
			outcome = new Outcome(false, ex.getMessage(), true);
		}
		this.jdbc.update("""
				insert into market.fund_estimate_state (symbol, tier, last_attempt_at, last_success_at, last_outcome)
				values (?, ?, ?, ?, ?)
				on conflict (symbol) do update set tier = excluded.tier, last_attempt_at = excluded.last_attempt_at,
					last_success_at = coalesce(excluded.last_success_at, market.fund_estimate_state.last_success_at),
					last_outcome = excluded.last_outcome
				""", symbol, tier.key(), Timestamp.from(now), outcome.estimated() ? Timestamp.from(now) : null,
				outcome.text());
		return outcome;
	}

	private Outcome attempt(String symbol, Instant now) throws InterruptedException {
		List<Map<String, Object>> fund = this.jdbc
			.queryForList("select money_market from market.funds where symbol = ?", symbol);
		if (fund.isEmpty()) {
			return new Outcome(false, symbol + " is not an open-end fund the warehouse knows; run job=instruments");
		}
		if (Boolean.TRUE.equals(fund.get(0).get("money_market"))) {
			return new Outcome(false, "a money-market fund has no intraday estimate");
		}
		LocalDate today = now.atZone(TradingHours.BEIJING).toLocalDate();
		if (!this.hours.isOpen(today)) {
			return new Outcome(false, today + " is not an open day");
		}
		BaseNav base = baseNav(symbol, today);
		String code = symbol.substring(0, symbol.indexOf('.'));
		Outcome fromSource = fromSource(symbol, code, today, base, now);
		if (fromSource != null) {
			return fromSource;
		}
		if (base == null) {
			return new Outcome(false, "no NAV before " + today + " is known; run job=fund_nav");
		}
		return fromHoldings(symbol, today, base, now);
	}

	/** The NAV an estimate of a day starts from: the latest one before it. */
	private record BaseNav(BigDecimal nav, LocalDate date) {
	}

	private @Nullable BaseNav baseNav(String symbol, LocalDate today) {
		List<BaseNav> known = this.jdbc.query("""
				select unit_nav, nav_date from market.fund_nav
				where symbol = ? and nav_date < ? and unit_nav is not null order by nav_date desc limit 1
				""", (rs, row) -> new BaseNav(rs.getBigDecimal(1), rs.getObject(2, LocalDate.class)), symbol, today);
		return known.isEmpty() ? null : known.get(0);
	}

	private @Nullable Outcome fromSource(String symbol, String code, LocalDate today, @Nullable BaseNav base,
			Instant now) throws InterruptedException {
		List<LocalDate> empty = this.jdbc.queryForList(
				"select source_empty_on from market.fund_estimate_state where symbol = ?", LocalDate.class, symbol);
		LocalDate emptyOn = empty.isEmpty() ? null : empty.get(0);
		if (today.equals(emptyOn)) {
			return null;
		}
		if (this.properties.fundgz() && !this.fundgzRetired.get()) {
			Outcome old = fromFundgz(symbol, code, today, base, now);
			if (old != null) {
				return old;
			}
		}
		Map<String, FundValuation> answer;
		try {
			answer = this.sources.paced(() -> this.sources.estimates().valuations(List.of(code)));
		}
		catch (SourceException ex) {
			// The holdings need no estimate source; the source is asked again next time.
			logger.debug("No source estimate for {}: {}", symbol, ex.getMessage());
			return null;
		}
		FundValuation valuation = answer.get(code);
		if (valuation != null && valuation.hasEstimate()) {
			if (!valuation.estimatedAt().atZone(TradingHours.BEIJING).toLocalDate().equals(today)) {
				// Still the last session's (before the source's first estimate of the
				// day): not a fund without estimates.
				return null;
			}
			// The source's estimate starts from the NAV it names; the warehouse's is the
			// fallback.
			BaseNav from = (valuation.nav() != null && valuation.navDate() != null
					&& valuation.navDate().isBefore(today)) ? new BaseNav(valuation.nav(), valuation.navDate()) : base;
			if (from == null) {
				return null;
			}
			store(symbol, valuation.estimatedAt(), today, "source", this.sources.source().key(), valuation.estimate(),
					from, null, null);
			return new Outcome(true, "estimated by " + this.sources.source().displayName());
		}
		// The source has no estimate for this fund: not asked again today.
		this.jdbc.update("""
				insert into market.fund_estimate_state (symbol, tier, source_empty_on) values (?, 'rest', ?)
				on conflict (symbol) do update set source_empty_on = excluded.source_empty_on
				""", symbol, today);
		return null;
	}

	/** The retired endpoint, behind its switch: one clear line, then never again. */
	private @Nullable Outcome fromFundgz(String symbol, String code, LocalDate today, @Nullable BaseNav base,
			Instant now) throws InterruptedException {
		try {
			FundEstimate estimate = this.sources.paced(() -> this.sources.estimates().estimate(code)).orElse(null);
			if (estimate == null || base == null
					|| !estimate.estimatedAt().atZone(TradingHours.BEIJING).toLocalDate().equals(today)) {
				return null;
			}
			store(symbol, estimate.estimatedAt(), today, "source", this.sources.source().key() + ":fundgz",
					estimate.estimate(), base, null, null);
			return new Outcome(true, "estimated by fundgz");
		}
		catch (PermanentSourceException ex) {
			if (this.fundgzRetired.compareAndSet(false, true)) {
				logger.warn("fundgz is not tried again by this process: {}", ex.getMessage());
			}
			return null;
		}
	}

	private Outcome fromHoldings(String symbol, LocalDate today, BaseNav base, Instant now)
			throws InterruptedException {
		String refused = refreshHoldings(symbol, now);
		List<LocalDate> periods = this.jdbc.queryForList("""
				select max(period_end) from market.fund_portfolio where symbol = ? and announced <= ?
				""", LocalDate.class, symbol, today);
		LocalDate period = periods.isEmpty() ? null : periods.get(0);
		if (period == null) {
			return new Outcome(false,
					"no source estimate and no disclosed holdings" + ((refused != null) ? " (" + refused + ")" : ""));
		}
		Timestamp dayStart = Timestamp.from(today.atStartOfDay(TradingHours.BEIJING).toInstant());
		Timestamp until = Timestamp.from(now);
		// Each holding's last price of today so far against its last close before today,
		// or today's pre-close where the day's bar is known (it is net of a dividend
		// going
		// ex today).
		List<Map<String, Object>> holdings = this.jdbc.queryForList("""
				select h.holding, h.weight_percent, l.close as last, l.ts, coalesce(t.pre_close, p.close) as previous
				from market.fund_portfolio h
				left join lateral (select b.close, b.ts from market.bars_1m b
					where b.symbol = h.holding and b.ts >= ? and b.ts <= ? order by b.ts desc limit 1) l on true
				left join lateral (select d.close from market.bars_daily d
					where d.symbol = h.holding and d.trade_date < ? order by d.trade_date desc limit 1) p on true
				left join market.bars_daily t on t.symbol = h.holding and t.trade_date = ?
				where h.symbol = ? and h.period_end = ? and h.announced <= ?
				""", dayStart, until, today, today, symbol, period, today);
		BigDecimal disclosed = BigDecimal.ZERO;
		BigDecimal priced = BigDecimal.ZERO;
		BigDecimal move = BigDecimal.ZERO;
		Instant latest = null;
		for (Map<String, Object> holding : holdings) {
			BigDecimal weight = (BigDecimal) holding.get("weight_percent");
			disclosed = disclosed.add(weight);
			BigDecimal last = (BigDecimal) holding.get("last");
			BigDecimal previous = (BigDecimal) holding.get("previous");
			if (last == null || previous == null || previous.signum() <= 0) {
				continue;
			}
			priced = priced.add(weight);
			move = move.add(weight.multiply(last.divide(previous, MathContext.DECIMAL64).subtract(BigDecimal.ONE)));
			Instant at = ((Timestamp) holding.get("ts")).toInstant();
			latest = (latest == null || at.isAfter(latest)) ? at : latest;
		}
		if (disclosed.signum() == 0 || latest == null) {
			return new Outcome(false,
					"none of the " + holdings.size() + " holdings of " + period + " has a 1-minute bar of today so far",
					true);
		}
		BigDecimal coverage = priced.multiply(BigDecimal.valueOf(100)).divide(disclosed, 2, RoundingMode.HALF_UP);
		if (coverage.compareTo(BigDecimal.valueOf(this.properties.minHoldingsCoverage())) < 0) {
			return new Outcome(false,
					"holdings priced today cover " + coverage.toPlainString()
							+ " % of the disclosed stock weight, under the " + this.properties.minHoldingsCoverage()
							+ " % needed",
					true);
		}
		// The priced holdings stand for all disclosed stocks: their weighted move, per
		// unit
		// of priced weight, times the disclosed weight, in percent of the NAV.
		BigDecimal changePercent = move.divide(priced, MathContext.DECIMAL64).multiply(disclosed);
		BigDecimal estimate = base.nav()
			.multiply(BigDecimal.ONE.add(changePercent.movePointLeft(2)))
			.setScale(4, RoundingMode.HALF_UP);
		store(symbol, latest, today, "holdings", this.sources.holdingsSource(), estimate, base, period, coverage);
		return new Outcome(true,
				"estimated from the holdings of " + period + " (" + coverage.toPlainString() + " % priced)");
	}

	/**
	 * Looks the fund's disclosed holdings up again when they were last looked up longer
	 * ago than {@code marketbase.funds.holdings-refresh}.
	 * @return why they could not be read, or {@code null}
	 */
	private @Nullable String refreshHoldings(String symbol, Instant now) throws InterruptedException {
		List<Timestamp> checked = this.jdbc.queryForList(
				"select holdings_checked_at from market.fund_estimate_state where symbol = ?", Timestamp.class, symbol);
		Timestamp last = checked.isEmpty() ? null : checked.get(0);
		if (last != null && last.toInstant().plus(this.properties.holdingsRefresh()).isAfter(now)) {
			return null;
		}
		Fetched<FundHolding> holdings;
		try {
			holdings = this.sources.paced(() -> this.sources.holdings().fundPortfolio(symbol));
		}
		catch (IllegalArgumentException | SourceException ex) {
			return ex.getMessage();
		}
		this.jdbc.batchUpdate("""
				insert into market.fund_portfolio (symbol, period_end, announced, holding, weight_percent,
					market_value, shares, source)
				values (?, ?, ?, ?, ?, ?, ?, ?)
				on conflict (symbol, period_end, holding) do update
					set announced = least(market.fund_portfolio.announced, excluded.announced),
					weight_percent = excluded.weight_percent, market_value = excluded.market_value,
					shares = excluded.shares, source = excluded.source, loaded_at = now()
				""", holdings.items(), 500, (ps, holding) -> {
			ps.setString(1, holding.fund());
			ps.setObject(2, holding.periodEnd());
			ps.setObject(3, holding.announced());
			ps.setString(4, holding.holding());
			ps.setBigDecimal(5, holding.weightPercent());
			ps.setBigDecimal(6, holding.marketValue());
			ps.setBigDecimal(7, holding.shares());
			ps.setString(8, this.sources.holdingsSource());
		});
		this.jdbc.update("""
				insert into market.fund_estimate_state (symbol, tier, holdings_checked_at) values (?, 'rest', ?)
				on conflict (symbol) do update set holdings_checked_at = excluded.holdings_checked_at
				""", symbol, Timestamp.from(now));
		return null;
	}

	private void store(String symbol, Instant estimatedAt, LocalDate day, String method, String source,
			BigDecimal estimate, BaseNav base, @Nullable LocalDate period, @Nullable BigDecimal coverage) {
		BigDecimal change = estimate.divide(base.nav(), MathContext.DECIMAL64)
			.subtract(BigDecimal.ONE)
			.movePointRight(2)
			.setScale(4, RoundingMode.HALF_UP);
		this.jdbc.update("""
				insert into market.fund_estimates (symbol, estimated_at, trade_date, method, source, estimate,
					change_percent, base_nav, base_nav_date, holdings_period, holdings_coverage_percent, made_at)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				on conflict (symbol, estimated_at, method) do update set made_at = excluded.made_at
				""", symbol, Timestamp.from(estimatedAt), day, method, source, estimate, change, base.nav(),
				base.date(), period, coverage, Timestamp.from(this.clock.instant()));
	}

}
