package com.marketbase.batch.job.moneyflow;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import com.marketbase.batch.source.SourceName;
import com.marketbase.batch.source.SourceResolver;
import com.marketbase.batch.support.pipeline.Dataset;
import com.marketbase.batch.support.pipeline.DatasetFeed;
import com.marketbase.batch.support.units.SymbolDay;
import com.marketbase.batch.warehouse.MoneyFlow;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code moneyflow} on the pipeline: a listed stock owes a row of flows on every open day
 * of the SSE calendar, out from 19:00 (the source updates them 18:00 to 19:00).
 *
 * @param resolver the source resolver
 */
record Moneyflow(SourceResolver resolver) implements Dataset<MoneyFlow> {

	private static final Set<String> READS = Set.of(SourceName.TUSHARE.key(), SourceName.SANDBOX.key());

	private static final Pattern CODES = Pattern.compile("\\d{6}\\.(SH|SZ|BJ)");

	@Override
	public String name() {
		return "moneyflow";
	}

	@Override
	public String propertyPrefix() {
		return "marketbase.jobs.moneyflow";
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
	public DatasetFeed<MoneyFlow> feed(String source) {
		SourceName name = SourceName.parse(source);
		return new TushareMoneyflowFeed(this.resolver.tushare(name), this.resolver.reference(name));
	}

	@Override
	public LocalTime publishedAt() {
		return LocalTime.of(19, 0);
	}

	@Override
	public boolean bootstrapsInstruments() {
		return true;
	}

	@Override
	public String storedCondition() {
		return "exists (select 1 from market.stock_moneyflow m where m.symbol = i.symbol and m.trade_date = c.cal_date)";
	}

	@Override
	public String table() {
		return "market.stock_moneyflow";
	}

	@Override
	public String rowsName() {
		return "rows";
	}

	@Override
	public String otherClassesHint() {
		return "moneyflow loads stocks' flows; ETFs and indexes have none";
	}

	@Override
	public SymbolDay unitOf(MoneyFlow row) {
		return new SymbolDay(row.symbol(), row.tradeDate());
	}

	@Override
	public void store(JdbcTemplate jdbc, List<MoneyFlow> rows, String source, long loadBatch) {
		jdbc.batchUpdate("""
				insert into market.stock_moneyflow (symbol, trade_date,
					buy_small_volume, buy_small_amount, sell_small_volume, sell_small_amount,
					buy_medium_volume, buy_medium_amount, sell_medium_volume, sell_medium_amount,
					buy_large_volume, buy_large_amount, sell_large_volume, sell_large_amount,
					buy_extra_large_volume, buy_extra_large_amount, sell_extra_large_volume, sell_extra_large_amount,
					net_volume, net_amount, source, load_batch_id)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				on conflict (symbol, trade_date) do update set
					buy_small_volume = excluded.buy_small_volume, buy_small_amount = excluded.buy_small_amount,
					sell_small_volume = excluded.sell_small_volume, sell_small_amount = excluded.sell_small_amount,
					buy_medium_volume = excluded.buy_medium_volume, buy_medium_amount = excluded.buy_medium_amount,
					sell_medium_volume = excluded.sell_medium_volume, sell_medium_amount = excluded.sell_medium_amount,
					buy_large_volume = excluded.buy_large_volume, buy_large_amount = excluded.buy_large_amount,
					sell_large_volume = excluded.sell_large_volume, sell_large_amount = excluded.sell_large_amount,
					buy_extra_large_volume = excluded.buy_extra_large_volume,
					buy_extra_large_amount = excluded.buy_extra_large_amount,
					sell_extra_large_volume = excluded.sell_extra_large_volume,
					sell_extra_large_amount = excluded.sell_extra_large_amount,
					net_volume = excluded.net_volume, net_amount = excluded.net_amount, source = excluded.source,
					load_batch_id = excluded.load_batch_id, loaded_at = now()
				""", rows, 500, (ps, row) -> {
			ps.setString(1, row.symbol());
			ps.setObject(2, row.tradeDate());
			sizes(ps, 3, row.buy(), row.sell());
			volume(ps, 19, row.netVolume());
			ps.setBigDecimal(20, row.netAmount());
			ps.setString(21, source);
			ps.setLong(22, loadBatch);
		});
	}

	/**
	 * Both sides, size by size: bought then sold of small, medium, large, extra large.
	 */
	private static void sizes(PreparedStatement ps, int first, MoneyFlow.Sizes buy, MoneyFlow.Sizes sell)
			throws SQLException {
		List<MoneyFlow.Sizes> sides = List.of(buy, sell);
		int at = first;
		for (int size = 0; size < 4; size++) {
			for (MoneyFlow.Sizes side : sides) {
				volume(ps, at++, volume(side, size));
				ps.setBigDecimal(at++, amount(side, size));
			}
		}
	}

	private static @Nullable Long volume(MoneyFlow.Sizes side, int size) {
		return switch (size) {
			case 0 -> side.smallVolume();
			case 1 -> side.mediumVolume();
			case 2 -> side.largeVolume();
			default -> side.extraLargeVolume();
		};
	}

	private static @Nullable BigDecimal amount(MoneyFlow.Sizes side, int size) {
		return switch (size) {
			case 0 -> side.smallAmount();
			case 1 -> side.mediumAmount();
			case 2 -> side.largeAmount();
			default -> side.extraLargeAmount();
		};
	}

	private static void volume(PreparedStatement ps, int index, @Nullable Long value) throws SQLException {
		if (value == null) {
			ps.setNull(index, Types.BIGINT);
		}
		else {
			ps.setLong(index, value);
		}
	}

}
