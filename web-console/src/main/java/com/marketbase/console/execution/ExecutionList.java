package com.marketbase.console.execution;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import com.marketbase.console.ConsoleSql;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.BatchStatus;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Lists executions by SQL on the job repository's tables, keyset-paged by execution id.
 * Loading executions through the repository would read every step and context, which a
 * list of 100,000 executions cannot afford; here a page costs one indexed query plus two
 * small lookups per row.
 */
public class ExecutionList {

	private final NamedParameterJdbcTemplate jdbc;

	public ExecutionList(ConsoleSql sql) {
		this.jdbc = sql.named();
	}

	public ExecutionPage page(ExecutionFilter filter) {
		StringBuilder sql = new StringBuilder("""
				select e.job_execution_id, e.job_instance_id, i.job_name, e.status, e.exit_code, e.start_time,
					e.end_time,
					(select coalesce(sum(s.write_count), 0) from batch_step_execution s
						where s.job_execution_id = e.job_execution_id and s.step_name not like '%:%') as written,
					(select string_agg(p.parameter_name || '=' || p.parameter_value, ' ' order by p.parameter_name)
						from batch_job_execution_params p where p.job_execution_id = e.job_execution_id) as parameters
				from batch_job_execution e join batch_job_instance i on i.job_instance_id = e.job_instance_id
				where true
				""");
		MapSqlParameterSource parameters = new MapSqlParameterSource();
		if (filter.job() != null) {
			sql.append(" and i.job_name = :job");
			parameters.addValue("job", filter.job());
		}
		if (!filter.statuses().isEmpty()) {
			sql.append(" and e.status in (:statuses)");
			parameters.addValue("statuses", filter.statuses().stream().map(BatchStatus::name).toList());
		}
		if (filter.from() != null) {
			sql.append(" and e.start_time >= :from");
			parameters.addValue("from", filter.from().atStartOfDay());
		}
		if (filter.to() != null) {
			sql.append(" and e.start_time < :to");
			parameters.addValue("to", filter.to().plusDays(1).atStartOfDay());
		}
		if (filter.before() != null) {
			sql.append(" and e.job_execution_id < :before");
			parameters.addValue("before", filter.before());
		}
		// One row more than asked tells whether a next page exists.
		sql.append(" order by e.job_execution_id desc limit :limit");
		parameters.addValue("limit", filter.limit() + 1);
		List<ExecutionSummary> rows = new ArrayList<>(this.jdbc.query(sql.toString(), parameters, ExecutionList::row));
		Long next = null;
		if (rows.size() > filter.limit()) {
			rows.remove(rows.size() - 1);
			next = rows.get(rows.size() - 1).id();
		}
		return new ExecutionPage(rows, next);
	}

	private static ExecutionSummary row(ResultSet rs, int row) throws SQLException {
		LocalDateTime start = time(rs.getTimestamp("start_time"));
		LocalDateTime end = time(rs.getTimestamp("end_time"));
		Long duration = (start != null) ? Duration.between(start, (end != null) ? end : LocalDateTime.now()).toSeconds()
				: null;
		String parameters = rs.getString("parameters");
		return new ExecutionSummary(rs.getLong("job_execution_id"), rs.getLong("job_instance_id"),
				rs.getString("job_name"), rs.getString("status"), rs.getString("exit_code"), start, end, duration,
				rs.getLong("written"), (parameters != null) ? parameters : "");
	}

	private static @Nullable LocalDateTime time(@Nullable Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toLocalDateTime() : null;
	}

}
