package com.marketbase.console.funds;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * Funds as the application keeps them, offered to the console.
 */
public interface FundFacts {

	/**
	 * The funds among some codes that the warehouse does not know as open-end funds.
	 * @param symbols the funds, like {@code 000001.OF}
	 * @return the unknown ones, in the order given
	 */
	List<String> unknown(List<String> symbols);

	/**
	 * The latest estimate of each fund from the cache, queueing a refresh for those stale
	 * or missing; no source is called unless inline estimates are configured and the
	 * caller may call sources.
	 * @param symbols the funds
	 * @param mayCallSources whether the caller is an operator, who may have stale
	 * estimates refreshed inline where that is configured
	 * @return one answer per fund, in the order given
	 */
	List<Estimate> estimates(List<String> symbols, boolean mayCallSources);

	/**
	 * Queues a NAV history sync of funds, or runs it now.
	 * @param symbols the funds
	 * @param inline whether to run it in this request (operators, a handful of funds)
	 * @return what was done
	 */
	NavSync syncNavHistory(List<String> symbols, boolean inline);

	/**
	 * The most funds an inline NAV sync takes.
	 * @return the limit
	 */
	int inlineLimit();

	List<Followed> watchlist();

	/**
	 * Adds a fund to the watchlist and queues its refresh.
	 * @param symbol the fund
	 * @param by who adds it
	 * @return whether it was not on the list yet
	 */
	boolean watch(String symbol, String by);

	boolean unwatch(String symbol);

	List<Position> positions();

	/**
	 * Sets the units held of a fund and queues its refresh.
	 * @param symbol the fund
	 * @param units the units, positive
	 * @param by who sets it
	 * @return the position
	 */
	Position hold(String symbol, BigDecimal units, String by);

	boolean release(String symbol);

	/**
	 * One fund: its NAV history, today's estimates and their record against the NAVs.
	 * @param symbol the fund
	 * @param navDays how many of the latest NAV days
	 * @return the fund, or {@code null} when unknown
	 */
	@Nullable Fund fund(String symbol, int navDays);

	/**
	 * How good the estimates were over recent NAV days.
	 * @param days how many calendar days back
	 * @return per method the error distribution, and the worst funds
	 */
	Accuracy accuracy(int days);

	/**
	 * What the queue holds, next due first.
	 * @param limit how many at most
	 * @return the instances and counts
	 */
	Queue queue(int limit);

	/**
	 * A fund's estimate as cached.
	 *
	 * @param code the fund
	 * @param name its name
	 * @param estimate the estimated NAV, or {@code null} when there is none
	 * @param changePercent the estimated change against the base NAV in percent
	 * @param estimatedAt the moment the estimate is of (the source's time, or the last
	 * price used)
	 * @param refreshedAt when Marketbase last stored it
	 * @param method {@code source} or {@code holdings}
	 * @param source where it came from
	 * @param baseNav the NAV it starts from
	 * @param baseNavDate that NAV's day
	 * @param holdingsPeriod for a holdings estimate, the report period of the holdings
	 * @param holdingsCoveragePercent the share of the disclosed stock weight priced
	 * @param tier how closely the fund is followed
	 * @param stale whether it is older than its tier's interval (counted in trading time)
	 * @param queuedRefresh whether this request queued a refresh
	 * @param note why there is no estimate, or the last attempt's outcome
	 */
	record Estimate(String code, @Nullable String name, @Nullable BigDecimal estimate,
			@JsonProperty("change_percent") @Nullable BigDecimal changePercent,
			@JsonProperty("estimated_at") @Nullable Instant estimatedAt,
			@JsonProperty("refreshed_at") @Nullable Instant refreshedAt, @Nullable String method,
			@Nullable String source, @JsonProperty("base_nav") @Nullable BigDecimal baseNav,
			@JsonProperty("base_nav_date") @Nullable LocalDate baseNavDate,
			@JsonProperty("holdings_period") @Nullable LocalDate holdingsPeriod,
			@JsonProperty("holdings_coverage_percent") @Nullable BigDecimal holdingsCoveragePercent, String tier,
			boolean stale, @JsonProperty("queued_refresh") boolean queuedRefresh, @Nullable String note) {
	}

	/**
	 * What a NAV sync request did.
	 *
	 * @param queued whether it was queued for the background worker
	 * @param mode {@code enqueue} or {@code inline}
	 * @param codes the funds
	 * @param newlyQueued how many were not waiting for a sync already
	 * @param result for an inline sync, how the run ended
	 */
	record NavSync(boolean queued, String mode, List<String> codes, @JsonProperty("newly_queued") int newlyQueued,
			@Nullable String result) {
	}

	record Followed(String code, @Nullable String name, @JsonProperty("added_by") String addedBy,
			@JsonProperty("added_at") Instant addedAt) {
	}

	/**
	 * A fund held.
	 *
	 * @param code the fund
	 * @param name its name
	 * @param units the units held
	 * @param estimate its latest estimate today, or {@code null}
	 * @param value the units at the estimate (or at the latest NAV), or {@code null}
	 * @param updatedBy who set it
	 * @param updatedAt when
	 */
	record Position(String code, @Nullable String name, BigDecimal units, @Nullable BigDecimal estimate,
			@Nullable BigDecimal value, @JsonProperty("updated_by") String updatedBy,
			@JsonProperty("updated_at") Instant updatedAt) {
	}

	record Fund(String code, String name, @JsonProperty("fund_type") @Nullable String fundType,
			@JsonProperty("money_market") boolean moneyMarket, List<NavDay> navs, List<EstimatePoint> today,
			List<Scored> accuracy) {
	}

	record NavDay(LocalDate date, @JsonProperty("unit_nav") @Nullable BigDecimal unitNav,
			@JsonProperty("accumulated_nav") @Nullable BigDecimal accumulatedNav,
			@JsonProperty("change_percent") @Nullable BigDecimal changePercent,
			@JsonProperty("income_per_10k") @Nullable BigDecimal incomePer10k,
			@JsonProperty("seven_day_yield_percent") @Nullable BigDecimal sevenDayYieldPercent,
			@Nullable String subscription, @Nullable String redemption, @Nullable String distribution) {
	}

	record EstimatePoint(@JsonProperty("estimated_at") Instant estimatedAt, String method, BigDecimal estimate,
			@JsonProperty("change_percent") BigDecimal changePercent) {
	}

	/**
	 * One day's last estimate against the NAV.
	 *
	 * @param date the NAV day
	 * @param method how it was estimated
	 * @param source where from
	 * @param estimate the estimate
	 * @param actual the NAV
	 * @param errorPp estimated change minus actual change, in percentage points
	 */
	record Scored(LocalDate date, String method, String source, BigDecimal estimate, BigDecimal actual,
			@JsonProperty("error_pp") BigDecimal errorPp) {
	}

	/**
	 * The estimates' record.
	 *
	 * @param from the first NAV day counted
	 * @param methods per method, the error distribution
	 * @param worst the funds with the largest mean absolute error
	 */
	record Accuracy(LocalDate from, List<MethodAccuracy> methods, List<FundError> worst) {
	}

	/**
	 * One method's errors.
	 *
	 * @param method {@code source} or {@code holdings}
	 * @param scored how many fund-days
	 * @param meanAbsolute the mean absolute error in percentage points
	 * @param bins the histogram: counts of errors per bin, from {@code binFrom} in steps
	 * of {@code binWidth}, the first and last bins open-ended
	 * @param binFrom the left edge of the second bin
	 * @param binWidth the bins' width in percentage points
	 */
	record MethodAccuracy(String method, long scored, @JsonProperty("mean_absolute_pp") BigDecimal meanAbsolute,
			List<Long> bins, @JsonProperty("bin_from") BigDecimal binFrom,
			@JsonProperty("bin_width") BigDecimal binWidth) {
	}

	record FundError(String code, @Nullable String name, String method, long scored,
			@JsonProperty("mean_absolute_pp") BigDecimal meanAbsolute) {
	}

	record Queue(List<Queued> queued, @JsonProperty("due_now") long dueNow, long running, long total) {
	}

	record Queued(String task, String code, String tier, Instant due, boolean running, @Nullable String worker) {
	}

}
