-- What each load did per dataset, symbol and trading day: the ground for "never silently missing".
-- A day is complete when it has every bar the calendar expects, partial when it has fewer, empty when
-- the source had none (a suspension, or a hole), failed when the source could not be read.

create table market.load_units (
	dataset text not null,
	symbol text not null,
	trade_date date not null,
	status text not null check (status in ('complete', 'partial', 'empty', 'failed')),
	rows_loaded integer not null check (rows_loaded >= 0),
	rows_expected integer not null check (rows_expected >= 0),
	reason text,
	source text not null,
	load_batch_id bigint references market.load_batches (id),
	job_execution_id bigint,
	updated_at timestamptz not null default now(),
	primary key (dataset, symbol, trade_date)
);

create index load_units_day_status_idx on market.load_units (dataset, trade_date, status);
create index load_units_execution_idx on market.load_units (job_execution_id);
