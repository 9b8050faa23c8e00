package com.marketbase.batch.support.units;

import java.sql.Date;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The load batches of {@code market.load_batches}: one per job instance, named by every
 * row the instance stores, with the source it read. What a warehouse holds from which
 * source is read from here.
 */
public final class LoadBatches {

	private final JdbcTemplate jdbc;

	public LoadBatches(DataSource dataSource) {
		this.jdbc = new JdbcTemplate(dataSource);
	}

	/**
	 * Opens a batch.
	 * @param dataset the dataset (or reference job) loaded
	 * @param source the source's key
	 * @param jobExecutionId the execution that opens it
	 * @return the batch's id
	 */
	public long open(String dataset, String source, long jobExecutionId) {
		Long id = this.jdbc.queryForObject(
				"insert into market.load_batches (dataset, source, job_execution_id) values (?, ?, ?) returning id",
				Long.class, dataset, source, jobExecutionId);
		return (id != null) ? id : 0;
	}

	/**
	 * Why the units of a load that failed last failed, in the source's words, for the
	 * line that ends the run.
	 * @param batch the load batch
	 * @return "N work unit(s) failed, the last because ...", or {@code null} when none
	 * failed
	 */
	public @Nullable String failures(long batch) {
		return this.jdbc
			.query("""
					select count(*) over (), reason from market.load_units
					where load_batch_id = ? and status = 'failed'
					order by updated_at desc limit 1""",
					(rs) -> rs.next()
							? rs.getLong(1) + " work unit(s) failed, the last " + "because "
									+ ((rs.getString(2) != null) ? rs.getString(2) : "of a failure it did not name")
							: null,
					batch);
	}

	/**
	 * The units of some instruments over some days that have their load unit from a batch
	 * or a later one: what a restart's checkpoint check counts as stored.
	 * @param dataset the dataset
	 * @param symbols the instruments
	 * @param from the first day
	 * @param to the last day
	 * @param batch the load batch
	 * @return the units so recorded
	 */
	public Set<SymbolDay> recordedSince(String dataset, Collection<String> symbols, LocalDate from, LocalDate to,
			long batch) {
		Set<SymbolDay> recorded = new HashSet<>();
		this.jdbc.query("""
				select symbol, trade_date from market.load_units
				where dataset = ? and symbol = any (?) and trade_date between ? and ? and load_batch_id >= ?
				""", (rs) -> {
			recorded.add(new SymbolDay(rs.getString(1), rs.getDate(2).toLocalDate()));
		}, dataset, symbols.toArray(String[]::new), Date.valueOf(from), Date.valueOf(to), batch);
		return recorded;
	}

}
