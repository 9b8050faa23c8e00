-- Worker processes that take load partitions from the broker, with the heartbeat the launching process
-- watches: a worker whose heartbeat stops is taken for dead and its running partitions are failed.
-- The credential is the name the operator gave the worker's source credentials, never a token.
create table market.workers (
	worker_id text primary key,
	host text not null,
	pid bigint not null,
	credential text not null,
	concurrency integer not null,
	started_at timestamptz not null default now(),
	heartbeat_at timestamptz not null default now(),
	stopped_at timestamptz
);

-- Which worker took which partition (a step execution of a remote load). The primary key is the guard
-- that runs a partition once: a request the broker delivers twice finds its claim taken.
create table market.remote_partitions (
	step_execution_id bigint primary key,
	job_execution_id bigint not null,
	step_name text not null,
	worker_id text not null references market.workers (worker_id),
	claimed_at timestamptz not null default now(),
	ended_at timestamptz,
	status text
);

create index remote_partitions_job_idx on market.remote_partitions (job_execution_id);
