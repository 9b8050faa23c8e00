package com.marketbase.batch.support.launch;

import java.util.List;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Keeps synthetic and real rows from mixing in one warehouse without anyone saying so. A
 * warehouse that holds loads from a real source refuses a sandbox load, and one that
 * holds sandbox loads refuses a real one, unless the launch says
 * {@code allow-mixed-sources=true}. What a warehouse holds is read from
 * {@code market.load_batches}, where every load records its source.
 */
public final class MixedSources {

	private final JdbcTemplate jdbc;

	public MixedSources(DataSource dataSource) {
		this.jdbc = new JdbcTemplate(dataSource);
	}

	/**
	 * Refuses a load that would mix rows.
	 * @param source the launch's source
	 * @param sources what tells synthetic sources from real ones
	 * @param allowed whether the launch allows mixing
	 * @throws IllegalArgumentException saying what the warehouse holds and how to go on
	 */
	public void check(String source, LaunchSources sources, boolean allowed) {
		if (allowed) {
			return;
		}
		boolean synthetic = sources.synthetic(source);
		// Only loads that left rows count: one that failed at once (a bad token, say)
		// holds
		// nothing. Load units for the datasets, a completed execution for the reference
		// jobs.
		List<String> others = this.jdbc.queryForList("""
				select distinct b.source from market.load_batches b
				where b.source <> ?
					and (exists (select 1 from market.load_units u where u.load_batch_id = b.id)
						or exists (select 1 from batch_job_execution e
							where e.job_execution_id = b.job_execution_id and e.status = 'COMPLETED'))
				order by b.source""", String.class, source);
		List<String> clash = others.stream().filter((other) -> sources.synthetic(other) != synthetic).toList();
		if (clash.isEmpty()) {
			return;
		}
		if (synthetic) {
			throw new IllegalArgumentException("This warehouse holds rows loaded from " + String.join(", ", clash)
					+ "; a sandbox load would mix synthetic rows with them. Load the sandbox into a warehouse of its "
					+ "own, or add " + LaunchInput.ALLOW_MIXED_SOURCES + "=true.");
		}
		throw new IllegalArgumentException("This warehouse holds synthetic rows from the sandbox; a load from " + source
				+ " would mix real rows with them. Load real data into a fresh warehouse, or add "
				+ LaunchInput.ALLOW_MIXED_SOURCES + "=true.");
	}

}
