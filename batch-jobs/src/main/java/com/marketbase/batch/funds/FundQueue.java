package com.marketbase.batch.funds;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceException;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The durable refresh queue of fund estimates and NAV syncs, on db-scheduler: one task
 * instance per (task, fund) in {@code market.scheduled_tasks} with its next run and its
 * priority. An estimate instance reschedules itself after each run by its fund's tier
 * (the watchlist every 2 minutes, held funds every 5, the rest every 30, in trading hours
 * only) and moves to the tier's priority when the tier changed. A worker that dies
 * mid-task leaves its instance picked with a heartbeat that stops; db-scheduler revives
 * it on another worker once the heartbeat is four intervals old.
 * <p>
 * Any number of processes can run the queue on one warehouse: db-scheduler picks each
 * instance once, and the source calls share the warehouse's quota.
 */
public final class FundQueue implements AutoCloseable {

	static final String ESTIMATE = "fund-estimate";

	static final String NAV_SYNC = "fund-nav-sync";

	static final String FOLLOW = "fund-follow";

	static final String TABLE = "market.scheduled_tasks";

	private static final Duration RETRY_SOON = Duration.ofMinutes(1);

	private static final Logger logger = LoggerFactory.getLogger(FundQueue.class);

	private final JdbcTemplate jdbc;

	private final FundsProperties properties;

	private final Clock clock;

	private final TradingHours hours;

	private final CustomTask<Void> estimate;

	private final CustomTask<Void> navSync;

	private final SchedulerClient client;

	private final DataSource dataSource;

	private final String workerName;

	private final FundEstimator estimator;

	private final @Nullable NavSync sync;

	private @Nullable Scheduler scheduler;

	/**
	 * A queue; it runs tasks only once {@link #start()}ed, and takes work without that.
	 * @param dataSource the warehouse
	 * @param estimator makes the estimates
	 * @param sync runs NAV syncs, or {@code null} where this process cannot run jobs
	 * @param properties the tiers and the pace
	 * @param clock the time (movable in tests)
	 * @param workerName how this worker is named in the table's {@code picked_by}
	 */
	FundQueue(DataSource dataSource, FundEstimator estimator, @Nullable NavSync sync, FundsProperties properties,
			Clock clock, String workerName) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.dataSource = dataSource;
		this.properties = properties;
		this.clock = clock;
		this.hours = new TradingHours(dataSource);
		this.workerName = workerName;
		this.estimator = estimator;
		this.sync = sync;
		this.estimate = Tasks.custom(ESTIMATE, Void.class)
			.onDeadExecution(this::revive)
			.execute((instance, context) -> {
				String symbol = instance.getId();
				FundTier tier = tierOf(symbol);
				boolean soon = false;
				try {
					FundEstimator.Outcome outcome = estimator.estimate(symbol, tier);
					logger.debug("{} ({}): {}", symbol, tier.key(), outcome.text());
					soon = outcome.soon();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				return next(instance, tier, soon);
			});
		// A sync that fails (the source down, the launch refused) is tried twice more, a
		// minute and then two later, and then dropped with its failure in the log.
		this.navSync = Tasks.custom(NAV_SYNC, Void.class)
			.onDeadExecution(this::revive)
			.onFailure(new FailureHandler.MaxRetriesFailureHandler<>(2,
					new FailureHandler.ExponentialBackoffFailureHandler<>(Duration.ofMinutes(1), 2.0)))
			.execute((instance, context) -> {
				if (sync == null) {
					throw new IllegalStateException("this worker cannot run fund_nav");
				}
				logger.info("NAV sync of {}: {}", instance.getId(), sync.run(List.of(instance.getId())));
				return new CompletionHandler.OnCompleteRemove<>();
			});
		this.client = SchedulerClient.Builder.create(dataSource, this.estimate, this.navSync)
			.tableName(TABLE)
			.enablePriority()
			.build();
	}

	/**
	 * Starts running due tasks with {@code marketbase.funds.workers} threads.
	 */
	public synchronized void start() {
		if (this.scheduler != null) {
			return;
		}
		Duration heartbeat = this.properties.heartbeat();
		// Every minute one worker makes sure each followed fund has its refresh queued.
		RecurringTask<Void> follow = Tasks.recurring(FOLLOW, FixedDelay.of(Duration.ofMinutes(1)))
			.execute((instance, context) -> followAll());
		this.scheduler = Scheduler.create(this.dataSource, this.estimate, this.navSync)
			.startTasks(follow)
			.tableName(TABLE)
			.enablePriority()
			.threads(this.properties.workers())
			.pollingInterval(this.properties.pollEvery())
			.heartbeatInterval(heartbeat)
			.missedHeartbeatsLimit(this.properties.missedHeartbeats())
			.schedulerName(new SchedulerName.Fixed(this.workerName))
			.clock(this.clock::instant)
			.shutdownMaxWait(Duration.ofSeconds(5))
			.build();
		this.scheduler.start();
	}

	@Override
	public synchronized void close() {
		if (this.scheduler != null) {
			this.scheduler.stop();
			this.scheduler = null;
		}
	}

	/**
	 * Queues a fund's estimate refresh for now. A fund already queued keeps its place
	 * unless this raises its priority: then it moves up, due now.
	 * @param symbol the fund
	 * @param tier the tier it is asked for
	 * @return whether the queue changed
	 */
	public boolean enqueue(String symbol, FundTier tier) {
		TaskInstanceId id = TaskInstanceId.of(ESTIMATE, symbol);
		// db-scheduler's client does not show an instance's priority; its table does.
		List<Map<String, Object>> queued = this.jdbc.queryForList(
				"select priority, picked from " + TABLE + " where task_name = ? and task_instance = ?", ESTIMATE,
				symbol);
		Instant now = this.clock.instant();
		if (queued.isEmpty()) {
			return this.client.scheduleIfNotExists(instance(symbol, tier), now);
		}
		Number priority = (Number) queued.get(0).get("priority");
		if (Boolean.TRUE.equals(queued.get(0).get("picked"))
				|| (priority != null && priority.intValue() >= tier.priority())) {
			return false;
		}
		try {
			this.client.cancel(id);
		}
		catch (TaskInstanceException ex) {
			// Running now or just done: it is being refreshed either way.
			return false;
		}
		return this.client.scheduleIfNotExists(instance(symbol, tier), now);
	}

	/**
	 * Refreshes a fund's estimate in this thread, outside the queue, for installations
	 * that turned the queue's cache answers off.
	 * @param symbol the fund
	 * @return what happened
	 * @throws InterruptedException when interrupted while waiting for the pace
	 */
	public String refreshNow(String symbol) throws InterruptedException {
		return this.estimator.estimate(symbol, tierOf(symbol)).text();
	}

	/**
	 * Syncs funds' NAV history in this thread.
	 * @param symbols the funds
	 * @return one line on the run
	 */
	public String syncNow(List<String> symbols) {
		if (this.sync == null) {
			throw new IllegalStateException("this process cannot run fund_nav");
		}
		return this.sync.run(symbols);
	}

	/**
	 * How often a tier is refreshed.
	 * @param tier the tier
	 * @return the interval
	 */
	public Duration every(FundTier tier) {
		return this.properties.every(tier);
	}

	/**
	 * Whether a refresh of a tier made at a moment is older than the tier's interval,
	 * counted in trading time: after the close, the close's estimate is as fresh as any.
	 * @param refreshedAt when it was refreshed
	 * @param tier the tier
	 * @return true when stale
	 */
	public boolean stale(Instant refreshedAt, FundTier tier) {
		Duration every = this.properties.every(tier);
		return this.hours.tradingTime(refreshedAt, this.clock.instant(), every).compareTo(every) > 0;
	}

	/**
	 * Queues a NAV sync of a fund, once: a fund already waiting for one is not queued
	 * again.
	 * @param symbol the fund
	 * @return whether it was queued now
	 */
	public boolean enqueueNavSync(String symbol) {
		return this.client.scheduleIfNotExists(
				this.navSync.instanceBuilder(symbol).priority(FundTier.WATCHLIST.priority()).build(),
				this.clock.instant());
	}

	/**
	 * Makes sure every followed fund has its refresh queued: the watchlist, the funds
	 * held and, with {@code marketbase.funds.rest-all}, every other open-end fund. Cheap
	 * when nothing changed: one insert per fund missing from the queue.
	 * @return how many instances were added or moved up
	 */
	public int followAll() {
		int changed = 0;
		for (String symbol : this.jdbc.queryForList("select symbol from market.fund_watchlist order by symbol",
				String.class)) {
			changed += enqueue(symbol, FundTier.WATCHLIST) ? 1 : 0;
		}
		for (String symbol : this.jdbc.queryForList("""
				select symbol from market.fund_positions
				where symbol not in (select symbol from market.fund_watchlist) order by symbol
				""", String.class)) {
			changed += enqueue(symbol, FundTier.HOLDINGS) ? 1 : 0;
		}
		if (this.properties.restAll()) {
			for (String symbol : this.jdbc.queryForList("""
					select f.symbol from market.funds f
					join market.instruments i on i.symbol = f.symbol and i.delist_date is null
					where not f.money_market and f.symbol not in (select symbol from market.fund_watchlist)
						and f.symbol not in (select symbol from market.fund_positions)
					order by f.symbol
					""", String.class)) {
				changed += enqueue(symbol, FundTier.REST) ? 1 : 0;
			}
		}
		return changed;
	}

	/**
	 * The tier a fund is in now.
	 * @param symbol the fund
	 * @return the watchlist before the holdings before the rest
	 */
	public FundTier tierOf(String symbol) {
		List<String> tiers = this.jdbc.queryForList("""
				select 'watchlist' from market.fund_watchlist where symbol = ?
				union all select 'holdings' from market.fund_positions where symbol = ?
				""", String.class, symbol, symbol);
		return tiers.contains("watchlist") ? FundTier.WATCHLIST
				: tiers.contains("holdings") ? FundTier.HOLDINGS : FundTier.REST;
	}

	/**
	 * What is queued, for the console.
	 * @return the instances, next due first
	 */
	public List<Queued> queued() {
		return this.jdbc.query(
				"select task_name, task_instance, coalesce(priority, 0), execution_time, picked, " + "picked_by from "
						+ TABLE + " order by execution_time, priority desc",
				(rs, row) -> new Queued(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getTimestamp(4).toInstant(),
						rs.getBoolean(5), rs.getString(6)));
	}

	/**
	 * One queued instance.
	 *
	 * @param task the task's name
	 * @param fund the fund
	 * @param priority its priority
	 * @param due when it runs next
	 * @param running whether a worker has it now
	 * @param worker the worker that has it, or {@code null}
	 */
	public record Queued(String task, String fund, int priority, Instant due, boolean running,
			@Nullable String worker) {
	}

	/**
	 * A dead worker's instance runs again now, by this queue's clock (db-scheduler's own
	 * reviver reads the system clock).
	 */
	private void revive(ExecutionComplete complete, ExecutionOperations<Void> operations) {
		logger.warn("{} {} was left running by {}, whose heartbeat stopped; running it again",
				complete.getExecution().taskInstance.getTaskName(), complete.getExecution().taskInstance.getId(),
				complete.getExecution().pickedBy);
		operations.reschedule(complete, this.clock.instant());
	}

	private TaskInstance<Void> instance(String symbol, FundTier tier) {
		return this.estimate.instanceBuilder(symbol).priority(tier.priority()).build();
	}

	/**
	 * After a run: again when the tier's interval is nearly over (a tenth early, at most
	 * 30 seconds, so that an estimate is never older than its tier), in trading hours; a
	 * fund of the rest that nobody follows leaves the queue after the day's close, until
	 * someone asks for it again.
	 */
	private CompletionHandler<Void> next(TaskInstance<Void> instance, FundTier tier, boolean soon) {
		Instant now = this.clock.instant();
		Duration every = this.properties.every(tier);
		Duration lead = every.dividedBy(10);
		if (lead.compareTo(Duration.ofSeconds(30)) > 0) {
			lead = Duration.ofSeconds(30);
		}
		Duration wait = every.minus(lead);
		// No estimate yet for a reason that passes (the first minute bar not in, a
		// failed call): again within a minute rather than a whole interval later.
		if (soon && wait.compareTo(RETRY_SOON) > 0) {
			wait = RETRY_SOON;
		}
		Instant next = this.hours.nextRun(now, wait);
		if (tier == FundTier.REST && !this.properties.restAll()
				&& !next.atZone(TradingHours.BEIJING)
					.toLocalDate()
					.equals(now.atZone(TradingHours.BEIJING).toLocalDate())) {
			return new CompletionHandler.OnCompleteRemove<>();
		}
		return (complete, operations) -> {
			operations.reschedule(complete, next);
			// db-scheduler keeps an instance's priority through a reschedule (and a
			// replace); a fund whose tier changed gets its tier's here.
			if (tier.priority() != instance.getPriority()) {
				this.jdbc.update("update " + TABLE + " set priority = ? where task_name = ? and task_instance = ? "
						+ "and not picked", tier.priority(), ESTIMATE, instance.getId());
			}
		};
	}

}
