package com.marketbase.batch.job.quotesnapshot;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import com.marketbase.batch.source.RateLimitedException;
import com.marketbase.batch.warehouse.RealtimeQuote;
import com.marketbase.batch.support.rows.Fetched;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Takes one snapshot: every quote of the feed's calls with one capture time, and the
 * market-wide counts of the same capture; for {@code market_stats}, the counts alone. A
 * snapshot is stored whole or not at all.
 * <p>
 * {@code rt_k} has a quota of its own, as small as 10 calls an hour. A refusal that
 * states such a window marks the endpoint stale with its {@code next_retry_at}; until
 * then a run calls nothing and says how old the last snapshot is. The nightly loads'
 * endpoints are never touched.
 */
class QuoteSnapshotTasklet implements Tasklet {

	/** The exit code of a run that could not take a snapshot because of the quota. */
	static final String STALE = "STALE";

	private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
		.withZone(ZoneId.of("Asia/Shanghai"));

	private final QuoteFeed feed;

	private final String endpoint;

	private final boolean keepQuotes;

	private final JdbcTemplate jdbc;

	private final Clock clock;

	/**
	 * A tasklet.
	 * @param feed where the quotes come from
	 * @param keepQuotes whether the quotes are stored beside their counts
	 * @param dataSource the warehouse
	 * @param clock the capture's clock
	 */
	QuoteSnapshotTasklet(QuoteFeed feed, boolean keepQuotes, DataSource dataSource, Clock clock) {
		this.feed = feed;
		this.keepQuotes = keepQuotes;
		this.endpoint = feed.source() + ":" + feed.endpoint();
		this.jdbc = new JdbcTemplate(dataSource);
		this.clock = clock;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		Instant now = this.clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
		Map<String, Object> state = this.jdbc
			.queryForList("select last_success_at, next_retry_at from market.realtime_sources where endpoint = ?",
					this.endpoint)
			.stream()
			.findFirst()
			.orElse(Map.of());
		Instant lastSuccess = instant(state.get("last_success_at"));
		Instant retryAt = instant(state.get("next_retry_at"));
		if (retryAt != null && now.isBefore(retryAt)) {
			contribution.setExitStatus(new ExitStatus(STALE, "No call made: " + this.feed.endpoint() + " refused until "
					+ SHOWN.format(retryAt) + " by its quota; " + lastSnapshot(lastSuccess)));
			return RepeatStatus.FINISHED;
		}
		List<RealtimeQuote> quotes = new ArrayList<>();
		int rejected = 0;
		List<String> requests = this.feed.requests();
		for (String request : requests) {
			Fetched<RealtimeQuote> fetched;
			try {
				fetched = this.feed.fetch(request);
			}
			catch (RateLimitedException ex) {
				if (!ex.longWindow()) {
					throw ex;
				}
				Instant next = now.plus(ex.window());
				this.jdbc.update("""
						insert into market.realtime_sources (endpoint, last_success_at, last_attempt_at, next_retry_at,
							stale, last_error) values (?, ?, ?, ?, true, ?)
						on conflict (endpoint) do update set last_attempt_at = excluded.last_attempt_at,
							next_retry_at = excluded.next_retry_at, stale = true, last_error = excluded.last_error
						""", this.endpoint, timestamp(lastSuccess), Timestamp.from(now), Timestamp.from(next),
						ex.getMessage());
				contribution.setExitStatus(new ExitStatus(STALE, "Stale: " + ex.getMessage() + "; next retry at "
						+ SHOWN.format(next) + ", no call before then; " + lastSnapshot(lastSuccess)));
				return RepeatStatus.FINISHED;
			}
			quotes.addAll(fetched.items());
			rejected += fetched.rejected().size();
		}
		store(quotes, now);
		contribution.setExitStatus(new ExitStatus(ExitStatus.COMPLETED.getExitCode(),
				(this.keepQuotes ? "snapshot at " : "market stats at ") + SHOWN.format(now) + ": " + quotes.size()
						+ " quotes from " + requests.size() + " " + this.feed.endpoint() + " call(s), " + rejected
						+ " rejected; " + stats(now)));
		return RepeatStatus.FINISHED;
	}

	private void store(List<RealtimeQuote> quotes, Instant now) {
		String source = this.feed.source();
		Timestamp at = Timestamp.from(now);
		if (this.keepQuotes) {
			this.jdbc.batchUpdate("""
					insert into market.quote_snapshots (captured_at, symbol, pre_close, open, high, low, price, volume,
						amount, trades, source) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
					on conflict (symbol, captured_at) do nothing
					""", quotes, 1000, (ps, quote) -> {
				ps.setTimestamp(1, at);
				ps.setString(2, quote.symbol());
				ps.setBigDecimal(3, quote.preClose());
				ps.setBigDecimal(4, quote.open());
				ps.setBigDecimal(5, quote.high());
				ps.setBigDecimal(6, quote.low());
				ps.setBigDecimal(7, quote.price());
				ps.setLong(8, quote.volume());
				ps.setBigDecimal(9, quote.amount());
				ps.setObject(10, quote.trades());
				ps.setString(11, source);
			});
			this.jdbc.update("""
					insert into market.market_stats (captured_at, source, instruments, advancers, decliners, unchanged,
						volume, amount)
					select captured_at, ?, count(*), count(*) filter (where price > pre_close),
						count(*) filter (where price < pre_close), count(*) filter (where price = pre_close),
						coalesce(sum(volume), 0), coalesce(sum(amount), 0)
					from market.quote_snapshots where captured_at = ? group by captured_at
					on conflict (captured_at, source) do nothing
					""", source, at);
		}
		else if (!quotes.isEmpty()) {
			// The same counts as from stored quotes, without storing them; no quotes
			// (before
			// the open) make no row, as a snapshot without quotes has none.
			long advancers = quotes.stream().filter((quote) -> quote.price().compareTo(quote.preClose()) > 0).count();
			long decliners = quotes.stream().filter((quote) -> quote.price().compareTo(quote.preClose()) < 0).count();
			this.jdbc.update("""
					insert into market.market_stats (captured_at, source, instruments, advancers, decliners, unchanged,
						volume, amount) values (?, ?, ?, ?, ?, ?, ?, ?)
					on conflict (captured_at, source) do nothing
					""", at, source, quotes.size(), advancers, decliners, quotes.size() - advancers - decliners,
					quotes.stream().mapToLong(RealtimeQuote::volume).sum(),
					quotes.stream().map(RealtimeQuote::amount).reduce(BigDecimal.ZERO, BigDecimal::add));
		}
		this.jdbc.update("""
				insert into market.realtime_sources (endpoint, last_success_at, last_attempt_at, next_retry_at, stale,
					last_error) values (?, ?, ?, null, false, null)
				on conflict (endpoint) do update set last_success_at = excluded.last_success_at,
					last_attempt_at = excluded.last_attempt_at, next_retry_at = null, stale = false, last_error = null
				""", this.endpoint, at, at);
	}

	private String stats(Instant at) {
		return this.jdbc.query("select advancers, decliners, unchanged, amount from market.market_stats "
				+ "where captured_at = ? and source = ?", (rs) -> {
					if (!rs.next()) {
						return "no quotes";
					}
					BigDecimal amount = rs.getBigDecimal(4);
					return rs.getInt(1) + " up, " + rs.getInt(2) + " down, " + rs.getInt(3) + " unchanged, turnover "
							+ amount.setScale(0, java.math.RoundingMode.HALF_UP).toPlainString() + " CNY";
				}, Timestamp.from(at), this.feed.source());
	}

	private static String lastSnapshot(@Nullable Instant lastSuccess) {
		return (lastSuccess != null) ? "the last snapshot, from " + SHOWN.format(lastSuccess) + ", is stale"
				: "there is no snapshot yet";
	}

	private static @Nullable Instant instant(@Nullable Object value) {
		return (value instanceof Timestamp timestamp) ? timestamp.toInstant()
				: (value instanceof java.time.OffsetDateTime time) ? time.toInstant() : null;
	}

	private static @Nullable Timestamp timestamp(@Nullable Instant instant) {
		return (instant != null) ? Timestamp.from(instant) : null;
	}

}
