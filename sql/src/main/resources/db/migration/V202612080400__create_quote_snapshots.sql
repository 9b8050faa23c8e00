-- Snapshots of the market's realtime quotes (Tushare rt_k), each row with the time it was captured, and
-- the market-wide counts of the same capture. A snapshot is stored whole or not at all.
create table market.quote_snapshots (
	captured_at timestamptz not null,
	symbol text not null,
	pre_close numeric not null,
	open numeric not null,
	high numeric not null,
	low numeric not null,
	price numeric not null,
	-- Shares and CNY traded today up to the capture.
	volume bigint not null,
	amount numeric not null,
	trades bigint,
	source text not null,
	primary key (symbol, captured_at)
);

create index quote_snapshots_captured_idx on market.quote_snapshots (captured_at);

create table market.market_stats (
	captured_at timestamptz not null,
	source text not null,
	instruments integer not null,
	advancers integer not null,
	decliners integer not null,
	unchanged integer not null,
	volume bigint not null,
	amount numeric not null,
	primary key (captured_at, source)
);

do $$
begin
	if exists (select 1 from pg_extension where extname = 'timescaledb') then
		perform create_hypertable('market.quote_snapshots', 'captured_at', chunk_time_interval => interval '1 day',
			create_default_indexes => false, if_not_exists => true, migrate_data => true);
	end if;
end
$$;

-- What the realtime endpoints last did: a refusal that states an hourly or daily quota leaves the last
-- snapshot stale until next_retry_at, and no call is made before then.
create table market.realtime_sources (
	endpoint text primary key,
	last_success_at timestamptz,
	last_attempt_at timestamptz not null,
	next_retry_at timestamptz,
	stale boolean not null,
	last_error text
);
