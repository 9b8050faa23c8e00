-- Raw bars. Prices are unconstrained numeric so that a price stored at its instrument's tick reads
-- back exactly (7.352 stays 7.352); volume is in shares, amount in CNY.

-- One row per symbol and minute, labelled by the bar's END minute in Beijing time. An A-share day has
-- 240 bars: 09:31..11:30 and 13:01..15:00 (the 09:30 opening-auction bar is folded into 09:31).
create table market.bars_1m (
	symbol text not null,
	ts timestamptz not null,
	open numeric not null,
	high numeric not null,
	low numeric not null,
	close numeric not null,
	volume bigint not null,
	amount numeric not null,
	source text not null,
	load_batch_id bigint not null,
	loaded_at timestamptz not null default now(),
	primary key (symbol, ts)
);

-- Aggregate refreshes and coverage read one time window across all symbols.
create index bars_1m_ts_idx on market.bars_1m (ts);

-- Raw (unadjusted) daily bars with the source's adjustment factor, from which forward- and
-- back-adjusted prices are derived (see the adjusted views).
create table market.bars_daily (
	symbol text not null,
	trade_date date not null,
	open numeric not null,
	high numeric not null,
	low numeric not null,
	close numeric not null,
	pre_close numeric,
	volume bigint not null,
	amount numeric not null,
	adj_factor numeric,
	source text not null,
	load_batch_id bigint not null,
	loaded_at timestamptz not null default now(),
	primary key (symbol, trade_date)
);

create index bars_daily_trade_date_idx on market.bars_daily (trade_date);

do $$
begin
	if exists (select 1 from pg_extension where extname = 'timescaledb') then
		-- Seven-day chunks keep a full-market week (about 9 M rows) per chunk and give compression
		-- segments of about 1,700 rows per symbol.
		perform create_hypertable('market.bars_1m', 'ts', chunk_time_interval => interval '7 days',
			create_default_indexes => false, if_not_exists => true, migrate_data => true);
		perform create_hypertable('market.bars_daily', 'trade_date', chunk_time_interval => interval '1 year',
			create_default_indexes => false, if_not_exists => true, migrate_data => true);
		if current_setting('timescaledb.license', true) = 'timescale' then
			execute 'alter table market.bars_1m set (timescaledb.compress, '
				|| 'timescaledb.compress_segmentby = ''symbol'', timescaledb.compress_orderby = ''ts'')';
			perform add_compression_policy('market.bars_1m', compress_after => interval '30 days',
				if_not_exists => true);
		end if;
	end if;
end
$$;
