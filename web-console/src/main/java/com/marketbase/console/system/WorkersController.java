package com.marketbase.console.system;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

import com.marketbase.console.ConsoleSql;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The remote workers as the warehouse records them: each with its host, process id, the
 * name of its source credentials (never a token), its heartbeat and its partitions.
 */
@RestController
@Tag(name = "System", description = "Warehouse, database and sources")
class WorkersController {

	private final JdbcTemplate jdbc;

	private final Duration heartbeatTimeout;

	WorkersController(ConsoleSql sql, @Value("${marketbase.workers.heartbeat-timeout:30s}") Duration heartbeatTimeout) {
		this.jdbc = sql.jdbc();
		this.heartbeatTimeout = heartbeatTimeout;
	}

	@GetMapping("/api/workers")
	@Operation(summary = "Remote workers of the last day: host, pid, credential name, heartbeat, partitions")
	List<WorkerView> workers() {
		return this.jdbc.query("""
				select w.host, w.pid, w.credential, w.concurrency, w.started_at, w.heartbeat_at,
				       case when w.stopped_at is not null then 'stopped'
				            when w.heartbeat_at < now() - make_interval(secs => ?) then 'silent'
				            else 'alive' end,
				       extract(epoch from now() - w.heartbeat_at)::bigint,
				       count(p.step_execution_id) filter (where p.ended_at is null),
				       count(p.step_execution_id) filter (where p.ended_at is not null)
				from market.workers w
				left join market.remote_partitions p on p.worker_id = w.worker_id
				where w.heartbeat_at > now() - interval '1 day'
				group by w.worker_id order by w.started_at desc limit 200
				""",
				(rs, row) -> new WorkerView(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getInt(4),
						rs.getObject(5, OffsetDateTime.class), rs.getObject(6, OffsetDateTime.class), rs.getString(7),
						rs.getLong(8), rs.getInt(9), rs.getInt(10)),
				this.heartbeatTimeout.toMillis() / 1000.0);
	}

	/**
	 * A remote worker.
	 *
	 * @param host its host
	 * @param pid its process id
	 * @param credential the name of its source credentials
	 * @param concurrency partitions it runs at once
	 * @param startedAt when it started
	 * @param heartbeatAt its last heartbeat
	 * @param state {@code alive}, {@code silent} (its heartbeat is late) or
	 * {@code stopped}
	 * @param heartbeatAgeSeconds seconds since its last heartbeat
	 * @param running partitions it runs now
	 * @param done partitions it finished
	 */
	record WorkerView(String host, long pid, String credential, int concurrency, OffsetDateTime startedAt,
			OffsetDateTime heartbeatAt, String state, long heartbeatAgeSeconds, int running, int done) {
	}

}
