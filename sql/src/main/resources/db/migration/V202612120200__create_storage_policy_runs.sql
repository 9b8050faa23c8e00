-- What the storage job did last per table and policy, where the job does the work itself: retention in the
-- Apache and plain modes (drop_chunks on hypertables, bounded deletes on tables), and in full mode the
-- compression of continuous aggregates and the retention of plain tables. TimescaleDB keeps its own
-- policies' runs in timescaledb_information.job_stats, so those are not repeated here.
create table market.storage_policy_runs (
	-- The table as marketbase.storage.policies names it, for example bars_1m.
	table_name text not null,
	policy text not null check (policy in ('compression', 'retention')),
	ran_at timestamptz not null,
	-- Rows deleted (plain tables) or chunks dropped or compressed (hypertables, continuous aggregates).
	rows_removed bigint,
	chunks bigint,
	-- Everything older than this was in scope.
	cutoff timestamptz,
	-- Null when the run succeeded.
	error text,
	runs bigint not null default 1,
	failures bigint not null default 0,
	primary key (table_name, policy)
);
