package com.marketbase.batch.support.pipeline;

import java.util.List;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.item.ItemStreamSupport;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Walks a run's fetches in order and reads each from the source. The index of the next
 * fetch is saved with every committed chunk, so a restart resumes after the last stored
 * one. A fetch the source cannot serve for now comes back failed (its units are recorded
 * as failed and retried by a later run); any other failure (a bad token, no permission)
 * ends the execution.
 *
 * @param <R> the dataset's row
 */
final class FetchReader<R> extends ItemStreamSupport implements ItemStreamReader<FetchedRows<R>> {

	private static final String POSITION = "position";

	/** The saved position as it stands in a step's context. */
	static final String POSITION_KEY = "datasetFetches." + POSITION;

	private final List<Fetch> fetches;

	private final DatasetFeed<R> feed;

	private final JdbcTemplate jdbc;

	private final String calendar;

	private int position;

	FetchReader(List<Fetch> fetches, DatasetFeed<R> feed, DataSource dataSource, String calendar) {
		this.fetches = List.copyOf(fetches);
		this.feed = feed;
		this.jdbc = new JdbcTemplate(dataSource);
		this.calendar = calendar;
		setName("datasetFetches");
	}

	@Override
	public void open(ExecutionContext context) {
		this.position = context.getInt(getExecutionContextKey(POSITION), 0);
	}

	@Override
	public @Nullable FetchedRows<R> read() {
		if (this.position >= this.fetches.size()) {
			return null;
		}
		Fetch fetch = this.fetches.get(this.position++);
		try {
			return this.feed.fetch(fetch, openDays(fetch));
		}
		catch (RuntimeException ex) {
			if (ex instanceof FetchFailure) {
				return FetchedRows.failed(fetch, ex.getMessage());
			}
			throw ex;
		}
	}

	private int openDays(Fetch fetch) {
		if (fetch.wholeDay()) {
			return 1;
		}
		Integer open = this.jdbc.queryForObject(
				"select count(*) from market.trading_calendar where exchange = ? and is_open and cal_date between ? and ?",
				Integer.class, this.calendar, fetch.from(), fetch.to());
		return (open != null) ? open : 0;
	}

	@Override
	public void update(ExecutionContext context) {
		context.putInt(getExecutionContextKey(POSITION), this.position);
	}

}
