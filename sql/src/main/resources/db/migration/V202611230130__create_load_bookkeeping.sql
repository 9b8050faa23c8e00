-- Bookkeeping of loads: what was loaded by which run, where each dataset's cursor stands, what was
-- rejected and why, and which work units failed. Nothing is lost silently: a row that cannot be
-- stored is kept here with its reason and raw payload.

create table market.load_batches (
	id bigserial primary key,
	dataset text not null,
	source text not null,
	job_execution_id bigint,
	started_at timestamptz not null default now(),
	finished_at timestamptz
);

create table market.dataset_cursors (
	dataset text not null,
	-- What the cursor covers: a symbol, an exchange, or '*' for the whole dataset.
	scope text not null,
	position text not null,
	updated_at timestamptz not null default now(),
	primary key (dataset, scope)
);

create table market.rejected_rows (
	id bigserial primary key,
	dataset text not null,
	source text not null,
	symbol text,
	ts timestamptz,
	reason text not null,
	payload text not null,
	load_batch_id bigint references market.load_batches (id),
	rejected_at timestamptz not null default now()
);

create index rejected_rows_dataset_time_idx on market.rejected_rows (dataset, rejected_at);
create index rejected_rows_batch_idx on market.rejected_rows (load_batch_id);

create table market.failed_work_units (
	id bigserial primary key,
	dataset text not null,
	-- The unit in the job's own terms, for example '600000.SH/2026-11-20'.
	unit_key text not null,
	source text not null,
	retry_count integer not null default 0 check (retry_count >= 0),
	last_error text not null,
	first_failed_at timestamptz not null default now(),
	last_failed_at timestamptz not null default now(),
	quarantined_at timestamptz,
	resolved_at timestamptz
);

-- At most one open failure per unit; resolved ones stay as history.
create unique index failed_work_units_open_idx on market.failed_work_units (dataset, unit_key)
	where resolved_at is null;
