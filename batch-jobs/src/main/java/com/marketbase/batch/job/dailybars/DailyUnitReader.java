package com.marketbase.batch.job.dailybars;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import com.marketbase.batch.source.AdjustmentFactor;
import com.marketbase.batch.source.DailyBar;
import com.marketbase.batch.source.Fetched;
import com.marketbase.batch.source.RejectedRow;
import com.marketbase.batch.source.Suspension;
import com.marketbase.batch.source.TransientSourceException;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.item.ItemStreamSupport;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Walks a run's fetches in order and reads each from the source: bars, then adjustment
 * factors where the dataset has them, then the suspension list where a day has no bar.
 * The index of the next fetch is saved with every committed chunk, so a restart resumes
 * after the last stored one. A fetch the source cannot serve after its retries comes back
 * failed (its units are recorded as failed and retried by a later run); a permanent
 * failure (bad token, no permission) ends the execution.
 */
class DailyUnitReader extends ItemStreamSupport implements ItemStreamReader<FetchedDaily> {

	private static final String POSITION = "position";

	private final List<DailyUnit> units;

	private final DailyFeed feed;

	private final JdbcTemplate jdbc;

	private final String calendar;

	private int position;

	DailyUnitReader(List<DailyUnit> units, DailyFeed feed, DataSource dataSource, String calendar) {
		this.units = List.copyOf(units);
		this.feed = feed;
		this.jdbc = new JdbcTemplate(dataSource);
		this.calendar = calendar;
		setName("dailyUnits");
	}

	@Override
	public void open(ExecutionContext context) {
		this.position = context.getInt(getExecutionContextKey(POSITION), 0);
	}

	@Override
	public @Nullable FetchedDaily read() {
		if (this.position >= this.units.size()) {
			return null;
		}
		DailyUnit unit = this.units.get(this.position++);
		try {
			return fetch(unit);
		}
		catch (TransientSourceException ex) {
			return FetchedDaily.failed(unit, ex.getMessage());
		}
	}

	private FetchedDaily fetch(DailyUnit unit) {
		Fetched<DailyBar> bars = this.feed.bars(unit);
		Fetched<AdjustmentFactor> factors = bars.items().isEmpty() ? Fetched.none() : this.feed.factors(unit);
		Fetched<Suspension> suspensions = (this.feed.listsSuspensions() && daysWithoutBars(unit, bars))
				? this.feed.suspensions(unit) : Fetched.none();
		List<RejectedRow> rejected = new java.util.ArrayList<>(bars.rejected());
		rejected.addAll(factors.rejected());
		rejected.addAll(suspensions.rejected());
		return new FetchedDaily(unit, bars.items(), factors.items(), suspensions.items(), rejected, null);
	}

	// A whole day of a market always has some suspended stock; one instrument's range
	// needs the list only when some open day of it came back without a bar.
	private boolean daysWithoutBars(DailyUnit unit, Fetched<DailyBar> bars) {
		if (unit.wholeDay()) {
			return true;
		}
		Integer open = this.jdbc.queryForObject(
				"select count(*) from market.trading_calendar "
						+ "where exchange = ? and is_open and cal_date between ? and ?",
				Integer.class, this.calendar, unit.from(), unit.to());
		Set<java.time.LocalDate> days = new HashSet<>();
		bars.items().forEach((bar) -> days.add(bar.tradeDate()));
		return open != null && days.size() < open;
	}

	@Override
	public void update(ExecutionContext context) {
		context.putInt(getExecutionContextKey(POSITION), this.position);
	}

}
