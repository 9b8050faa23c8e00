-- Open-end (OTC) mutual funds: instruments of class 'fund' on the 'OTC' exchange, with the source's fund type.
-- Money-market funds are told apart because they publish an income per 10,000 units and a 7-day yield, not a
-- NAV, and have no intraday estimate.
create table market.funds (
	symbol text primary key references market.instruments (symbol) on delete cascade,
	fund_type text not null,
	money_market boolean not null,
	invest_type text,
	management text,
	custodian text,
	benchmark text,
	found_date date,
	source text not null,
	updated_at timestamptz not null default now()
);

-- One row per fund and NAV day (Eastmoney lsjz). A money-market fund's row has its income and yield and no
-- NAV; every other fund's has a unit NAV.
create table market.fund_nav (
	symbol text not null,
	nav_date date not null,
	unit_nav numeric check (unit_nav > 0),
	accumulated_nav numeric check (accumulated_nav > 0),
	change_percent numeric,
	income_per_10k numeric,
	seven_day_yield_percent numeric,
	subscription text,
	redemption text,
	distribution text,
	dividend_per_unit numeric check (dividend_per_unit >= 0),
	source text not null,
	load_batch_id bigint not null,
	loaded_at timestamptz not null default now(),
	primary key (symbol, nav_date),
	check ((unit_nav is null) <> (income_per_10k is null))
);

create index fund_nav_nav_date_idx on market.fund_nav (nav_date);

do $$
begin
	if exists (select 1 from pg_extension where extname = 'timescaledb') then
		perform create_hypertable('market.fund_nav', 'nav_date', chunk_time_interval => interval '1 year',
			create_default_indexes => false, if_not_exists => true, migrate_data => true);
	end if;
end
$$;

insert into market.datasets (dataset, asset_classes, calendar_exchange, description, rollout_batch)
	values ('fund_nav', '{fund}', 'SSE', 'Daily NAVs of open-end funds (money-market funds: income and yield)', 'P1');

-- Funds people follow closely (refreshed most often) and funds they hold, with the units held.
create table market.fund_watchlist (
	symbol text primary key references market.instruments (symbol) on delete cascade,
	added_by text not null,
	added_at timestamptz not null default now()
);

create table market.fund_positions (
	symbol text primary key references market.instruments (symbol) on delete cascade,
	units numeric not null check (units > 0),
	updated_by text not null,
	updated_at timestamptz not null default now()
);

-- A fund's disclosed holdings per report period, visible from the day they were announced: an estimate made on
-- a day uses the latest period announced by then, never a later one.
create table market.fund_portfolio (
	symbol text not null,
	period_end date not null,
	announced date not null,
	holding text not null,
	weight_percent numeric not null check (weight_percent >= 0),
	market_value numeric,
	shares numeric,
	source text not null,
	loaded_at timestamptz not null default now(),
	primary key (symbol, period_end, holding)
);

create index fund_portfolio_announced_idx on market.fund_portfolio (symbol, announced);

-- Every intraday estimate made, so that a day's series and its last value stay known: 'source' is the source's
-- own estimate, 'holdings' Marketbase's from the disclosed holdings and the holdings' price changes.
create table market.fund_estimates (
	symbol text not null,
	estimated_at timestamptz not null,
	trade_date date not null,
	method text not null check (method in ('source', 'holdings')),
	source text not null,
	estimate numeric not null check (estimate > 0),
	change_percent numeric not null,
	base_nav numeric not null,
	base_nav_date date not null,
	holdings_period date,
	holdings_coverage_percent numeric,
	made_at timestamptz not null default now(),
	primary key (symbol, estimated_at, method)
);

create index fund_estimates_day_idx on market.fund_estimates (trade_date, symbol);

-- Why a fund has no fresh estimate, and when it was last tried: the estimates API answers from here and from
-- fund_estimates, never from a source.
create table market.fund_estimate_state (
	symbol text primary key,
	tier text not null check (tier in ('watchlist', 'holdings', 'rest')),
	last_attempt_at timestamptz,
	last_success_at timestamptz,
	last_outcome text,
	-- The day the source had no estimate for the fund: it is not asked again that day.
	source_empty_on date,
	holdings_checked_at timestamptz
);

-- Each fund's last estimate of a day against the NAV published that evening, per method: the error is in
-- percentage points of the previous NAV (estimated change minus actual change).
create table market.fund_estimate_accuracy (
	symbol text not null,
	nav_date date not null,
	method text not null,
	source text not null,
	estimated_at timestamptz not null,
	estimate numeric not null,
	actual numeric not null,
	base_nav numeric not null,
	error_pp numeric not null,
	primary key (symbol, nav_date, method)
);

-- db-scheduler's table: one instance per (task, fund) with its next run, priority and heartbeat.
create table market.scheduled_tasks (
	task_name text not null,
	task_instance text not null,
	task_data bytea,
	execution_time timestamptz not null,
	picked boolean not null,
	picked_by text,
	last_success timestamptz,
	last_failure timestamptz,
	consecutive_failures int,
	last_heartbeat timestamptz,
	version bigint not null,
	priority smallint,
	primary key (task_name, task_instance)
);

create index scheduled_tasks_execution_time_idx on market.scheduled_tasks (execution_time);
create index scheduled_tasks_last_heartbeat_idx on market.scheduled_tasks (last_heartbeat);
create index scheduled_tasks_priority_execution_time_idx on market.scheduled_tasks (priority desc, execution_time asc);
