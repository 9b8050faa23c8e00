-- The nightly chain: one row per run of the chain, one per module it ran, skipped or could not run. A
-- module is its own job instance in the job repository; these rows keep what the chain made of each, so
-- that the console and 'list' can show a night's outcome without reading the chain's log.

create table market.chain_runs (
	id bigserial primary key,
	-- The day the chain was for; null when the launch left each module to take its own default day.
	trade_date date,
	-- Who launched it: 'cli' or 'schedule'.
	launched_by text not null check (launched_by in ('cli', 'schedule')),
	started_at timestamptz not null default now(),
	finished_at timestamptz
);

create table market.chain_modules (
	chain_run_id bigint not null references market.chain_runs (id) on delete cascade,
	position integer not null check (position >= 0),
	job_name text not null,
	outcome text not null check (outcome in ('completed', 'failed', 'skipped')),
	job_execution_id bigint,
	-- One line: why it failed or was skipped, or the completed execution's summary.
	reason text not null,
	finished_at timestamptz not null default now(),
	primary key (chain_run_id, position)
);

create index chain_runs_started_idx on market.chain_runs (started_at desc);
