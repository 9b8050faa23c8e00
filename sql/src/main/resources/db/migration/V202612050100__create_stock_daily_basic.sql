-- Daily valuation and trading indicators of A-shares (Tushare daily_basic), one row per stock and open
-- day: share counts in shares and market values in CNY (the source sends 10,000 of each), rates and
-- yields in percent as sent. A ratio the source leaves out (no P/E for a loss) stays null.
create table market.stock_daily_basic (
	symbol text not null,
	trade_date date not null,
	close numeric not null check (close > 0),
	turnover_rate numeric check (turnover_rate >= 0),
	turnover_rate_free numeric check (turnover_rate_free >= 0),
	volume_ratio numeric,
	pe numeric,
	pe_ttm numeric,
	pb numeric,
	ps numeric,
	ps_ttm numeric,
	dividend_yield numeric,
	dividend_yield_ttm numeric,
	total_shares numeric check (total_shares >= 0),
	float_shares numeric check (float_shares >= 0),
	free_shares numeric check (free_shares >= 0),
	total_market_value numeric check (total_market_value >= 0),
	float_market_value numeric check (float_market_value >= 0),
	source text not null,
	load_batch_id bigint not null,
	loaded_at timestamptz not null default now(),
	primary key (symbol, trade_date)
);

comment on column market.stock_daily_basic.turnover_rate is 'percent, as sent';

create index stock_daily_basic_trade_date_idx on market.stock_daily_basic (trade_date);

do $$
begin
	if exists (select 1 from pg_extension where extname = 'timescaledb') then
		perform create_hypertable('market.stock_daily_basic', 'trade_date', chunk_time_interval => interval '1 year',
			create_default_indexes => false, if_not_exists => true, migrate_data => true);
	end if;
end
$$;

-- A recovery module of P0 (wave 2), governed by its own switch, which starts off: turning it on makes
-- the module load, and a failure of it marks only itself, never the price chain.
insert into market.datasets (dataset, asset_classes, calendar_exchange, description, rollout_batch, rollout_switch)
	values ('daily_basic', '{stock}', 'SSE', 'Daily valuation and trading indicators of A-shares', 'P0',
		'universeDailyBasicEnabled');

update market.rollout_switches set description = 'daily_basic (recovery wave 2)'
	where name = 'universeDailyBasicEnabled';
