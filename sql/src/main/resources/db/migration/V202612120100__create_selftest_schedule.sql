-- How often a long-running server runs the source self-test on its own: one row, the choice, who made it and when.
create table market.selftest_schedule (
	-- Always true: the table holds one row.
	id boolean primary key default true check (id),
	every text not null default 'off' check (every in ('off', '5m', '10m', '15m', '30m', 'hourly', 'daily')),
	set_by text not null default 'default',
	set_at timestamptz not null default now()
);

insert into market.selftest_schedule default values;

-- What started a run, and whether the webhook was told of its failures: null when it was not to be told (no webhook,
-- or nothing failed), true when the receiver took the summary, false with the error when it did not.
alter table market.selftest_runs
	add column triggered_by text not null default 'cli' check (triggered_by in ('cli', 'console', 'schedule')),
	add column notified boolean,
	add column notify_error text;
