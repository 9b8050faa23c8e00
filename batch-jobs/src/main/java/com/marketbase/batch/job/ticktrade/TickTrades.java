package com.marketbase.batch.job.ticktrade;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import com.marketbase.batch.source.SourceName;
import com.marketbase.batch.source.SourceResolver;
import com.marketbase.batch.source.Units;
import com.marketbase.batch.support.pipeline.Dataset;
import com.marketbase.batch.support.pipeline.DatasetFeed;
import com.marketbase.batch.source.tdx.TdxTrade;
import com.marketbase.batch.support.units.SymbolDay;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code tick_trade} on the pipeline: a listed A-share or ETF owes its trades on every
 * open day. Without dates a launch loads the most recent open days (60 unless set), since
 * the gateway's history of ticks is long but a warehouse rarely wants all of it.
 *
 * @param resolver the source resolver
 * @param recentDays how many open days a launch without dates loads
 */
record TickTrades(SourceResolver resolver, int recentDays) implements Dataset<TickTrade> {

	private static final Set<String> READS = Set.of(SourceName.TDX.key(), SourceName.SANDBOX.key());

	private static final Pattern CODES = Pattern.compile("\\d{6}\\.(SH|SZ|BJ)");

	@Override
	public String name() {
		return "tick_trade";
	}

	@Override
	public String propertyPrefix() {
		return "marketbase.jobs.tick-trade";
	}

	@Override
	public Pattern codes() {
		return CODES;
	}

	@Override
	public String codeExample() {
		return "A-share and ETF codes in Tushare form (like 600000.SH, 510300.SH)";
	}

	@Override
	public Set<String> sources() {
		return READS;
	}

	@Override
	public DatasetFeed<TickTrade> feed(String source) {
		SourceName name = SourceName.parse(source);
		return new TdxTickFeed(this.resolver.tdx(name), this.resolver.reference(name));
	}

	/** The gateway serves a day's ticks from its history once the day is over. */
	@Override
	public LocalTime publishedAt() {
		return LocalTime.of(16, 0);
	}

	@Override
	public boolean bootstrapsInstruments() {
		return false;
	}

	@Override
	public boolean rowsPerUnit() {
		return true;
	}

	@Override
	public int defaultOpenDays() {
		return this.recentDays;
	}

	@Override
	public String storedCondition() {
		return "exists (select 1 from market.tick_trades t where t.symbol = i.symbol "
				+ "and t.ts >= c.cal_date::timestamp at time zone 'Asia/Shanghai' "
				+ "and t.ts < (c.cal_date + 1)::timestamp at time zone 'Asia/Shanghai')";
	}

	@Override
	public String table() {
		return "market.tick_trades";
	}

	@Override
	public String rowsName() {
		return "trades";
	}

	@Override
	public String otherClassesHint() {
		return "tick_trade loads stocks and ETFs";
	}

	@Override
	public SymbolDay unitOf(TickTrade row) {
		return new SymbolDay(row.trade().symbol(), row.trade().time().atZone(Units.BEIJING).toLocalDate());
	}

	/**
	 * Replaces the days the rows belong to: a day fetched again (a restart, a forced
	 * load) is written whole once, never beside its earlier rows.
	 */
	@Override
	public void store(JdbcTemplate jdbc, List<TickTrade> rows, String source, long loadBatch) {
		Set<SymbolDay> days = new TreeSet<>(Comparator.comparing(SymbolDay::symbol).thenComparing(SymbolDay::day));
		rows.forEach((row) -> days.add(unitOf(row)));
		for (SymbolDay day : days) {
			jdbc.update("delete from market.tick_trades where symbol = ? and ts >= ? and ts < ?", day.symbol(),
					start(day.day()), start(day.day().plusDays(1)));
		}
		// One COPY per chunk: a day of the market is millions of rows.
		StringBuilder text = new StringBuilder(rows.size() * 64);
		for (TickTrade row : rows) {
			TdxTrade trade = row.trade();
			text.append(trade.symbol())
				.append('\t')
				.append(trade.time())
				.append('\t')
				.append(row.seq())
				.append('\t')
				.append(trade.price().toPlainString())
				.append('\t')
				.append(trade.volume())
				.append('\t')
				.append(trade.side())
				.append('\t')
				.append(source)
				.append('\t')
				.append(loadBatch)
				.append('\n');
		}
		byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
		jdbc.execute((ConnectionCallback<Long>) (connection) -> {
			CopyIn copy = connection.unwrap(PGConnection.class)
				.getCopyAPI()
				.copyIn("copy market.tick_trades (symbol, ts, seq, price, volume, side, source, load_batch_id) "
						+ "from stdin");
			try {
				copy.writeToCopy(bytes, 0, bytes.length);
				return copy.endCopy();
			}
			finally {
				if (copy.isActive()) {
					copy.cancelCopy();
				}
			}
		});
	}

	private static Timestamp start(LocalDate day) {
		return Timestamp.from(day.atStartOfDay(Units.BEIJING).toInstant());
	}

}
