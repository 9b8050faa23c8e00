-- Source self-tests: every configured source's endpoints asked a small known question, each answer kept with its run
-- (status, latency, rows, the class of a failure and the source's words), for the command line and the console.
create table market.selftest_runs (
	id bigserial primary key,
	started_at timestamptz not null default now(),
	finished_at timestamptz,
	-- The sources asked, comma-separated keys.
	sources text not null,
	checks integer not null default 0,
	failed integer not null default 0
);

create table market.selftest_results (
	run_id bigint not null references market.selftest_runs (id) on delete cascade,
	source text not null,
	endpoint text not null,
	-- The request sent, without any credential.
	request text not null,
	-- ok, slow (answered, after the slow threshold) or failed.
	status text not null check (status in ('ok', 'slow', 'failed')),
	latency_ms bigint not null,
	-- The rows the answer held; null when it failed.
	sample_size integer,
	-- For a failure: timeout, unreachable, http error, html answer, rate limited, permission, refused, bad data,
	-- unreadable answer.
	error_class text,
	message text not null,
	primary key (run_id, source, endpoint)
);
