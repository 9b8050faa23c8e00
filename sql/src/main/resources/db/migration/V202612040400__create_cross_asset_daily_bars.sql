-- Daily bars of futures, SGE spot and FX, and the futures main-contract mapping. Each table keeps the
-- source's own fields in warehouse units (amounts in CNY, volumes as the source counts them), one row per
-- instrument and day, with the source and load batch like market.bars_daily.

-- Main-contract codes (Tushare's IF.CFX, CU.SHF: a product's main contract, which fut_mapping resolves to
-- an ordinary contract per day) are instruments of their own class, so that fut_mapping owes one unit per
-- code and day.
alter table market.instruments drop constraint instruments_asset_class_check;
alter table market.instruments add constraint instruments_asset_class_check
	check (asset_class in ('stock', 'etf', 'index', 'future', 'future_main', 'spot', 'fx', 'fund'));

-- Futures (Tushare fut_daily): prices in the contract's quote unit, volume and open interest in lots,
-- amount in CNY (the source sends 10,000 CNY).
create table market.bars_futures_daily (
	symbol text not null,
	trade_date date not null,
	open numeric not null,
	high numeric not null,
	low numeric not null,
	close numeric not null,
	pre_close numeric,
	settle numeric,
	pre_settle numeric,
	volume numeric not null check (volume >= 0),
	amount numeric not null check (amount >= 0),
	open_interest numeric check (open_interest >= 0),
	open_interest_change numeric,
	-- Given only on a contract's delivery days.
	delivery_settle numeric,
	source text not null,
	load_batch_id bigint not null,
	loaded_at timestamptz not null default now(),
	primary key (symbol, trade_date)
);

create index bars_futures_daily_trade_date_idx on market.bars_futures_daily (trade_date);

-- Which contract a main-contract code stood for on each day (Tushare fut_mapping), as of that day.
create table market.futures_mapping (
	main_symbol text not null,
	trade_date date not null,
	contract text not null,
	source text not null,
	load_batch_id bigint not null,
	loaded_at timestamptz not null default now(),
	primary key (main_symbol, trade_date)
);

create index futures_mapping_trade_date_idx on market.futures_mapping (trade_date);

-- The continuous main-contract series: each day the bar of the contract the mapping names for that day,
-- so the series switches contracts on the mapping's day and never looks ahead.
create view market.futures_main_daily as
select m.main_symbol as symbol, m.trade_date, m.contract, b.open, b.high, b.low, b.close, b.pre_close,
	b.settle, b.pre_settle, b.volume, b.amount, b.open_interest, b.source
from market.futures_mapping m
join market.bars_futures_daily b on b.symbol = m.contract and b.trade_date = m.trade_date;

-- SGE spot (Tushare sge_daily): prices in CNY per gram (per kilogram for silver), volume in kg counted
-- on both sides, amount in CNY. The day bar of day d includes the night session that began on the
-- evening of the previous trading day.
create table market.bars_spot_daily (
	symbol text not null,
	trade_date date not null,
	open numeric not null,
	high numeric not null,
	low numeric not null,
	close numeric not null,
	price_avg numeric,
	volume_kg numeric not null check (volume_kg >= 0),
	amount numeric not null check (amount >= 0),
	open_interest numeric check (open_interest >= 0),
	-- Deferred settlement (T+D contracts): the volume delivered and who paid the deferral fee.
	settle_volume numeric,
	settle_direction text,
	source text not null,
	load_batch_id bigint not null,
	loaded_at timestamptz not null default now(),
	primary key (symbol, trade_date)
);

create index bars_spot_daily_trade_date_idx on market.bars_spot_daily (trade_date);

-- FX (Tushare fx_daily, FXCM quotes): bid and ask OHLC and the tick count. trade_date is the source's
-- GMT date, stored as sent; it is not a Beijing date.
create table market.bars_fx_daily (
	symbol text not null,
	trade_date date not null,
	bid_open numeric not null,
	bid_high numeric not null,
	bid_low numeric not null,
	bid_close numeric not null,
	ask_open numeric not null,
	ask_high numeric not null,
	ask_low numeric not null,
	ask_close numeric not null,
	tick_count bigint check (tick_count >= 0),
	source text not null,
	load_batch_id bigint not null,
	loaded_at timestamptz not null default now(),
	primary key (symbol, trade_date)
);

comment on column market.bars_fx_daily.trade_date is 'GMT date, as the source sends it';

create index bars_fx_daily_trade_date_idx on market.bars_fx_daily (trade_date);

-- Mid prices: the mean of bid and ask (the source gives no single price). High and low are the means of
-- the bid and ask extremes, which need not have happened at the same moment.
create view market.fx_daily_mid as
select symbol, trade_date, (bid_open + ask_open) / 2 as open, (bid_high + ask_high) / 2 as high,
	(bid_low + ask_low) / 2 as low, (bid_close + ask_close) / 2 as close, ask_close - bid_close as spread,
	tick_count, source
from market.bars_fx_daily;

do $$
begin
	if exists (select 1 from pg_extension where extname = 'timescaledb') then
		perform create_hypertable('market.bars_futures_daily', 'trade_date', chunk_time_interval => interval '1 year',
			create_default_indexes => false, if_not_exists => true, migrate_data => true);
		perform create_hypertable('market.bars_spot_daily', 'trade_date', chunk_time_interval => interval '1 year',
			create_default_indexes => false, if_not_exists => true, migrate_data => true);
		perform create_hypertable('market.bars_fx_daily', 'trade_date', chunk_time_interval => interval '1 year',
			create_default_indexes => false, if_not_exists => true, migrate_data => true);
	end if;
end
$$;

-- The mainland futures exchanges and the SGE keep the same trading days (weekends and the State Council
-- holidays closed; a night session belongs to the next trading day), so the futures datasets owe on
-- CFFEX's calendar and SGE spot on the SSE's. FX pairs trade every weekday: their calendar, FXCM, is
-- open Monday to Friday.
insert into market.datasets (dataset, asset_classes, calendar_exchange, description) values
	('fut_daily', '{future}', 'CFFEX', 'Daily bars of futures contracts'),
	('fut_mapping', '{future_main}', 'CFFEX', 'The contract each futures main-contract code stands for, per day'),
	('sge_daily', '{spot}', 'SSE', 'Daily bars of SGE spot contracts'),
	('fx_daily', '{fx}', 'FXCM', 'Daily bid and ask bars of FX pairs, by GMT date');

-- One view of daily candles across asset classes, for the console's bars page: FX as mid prices, spot
-- volume in kg, futures volume in lots.
create view market.daily_candles as
select symbol, trade_date, open, high, low, close, volume::numeric as volume, amount from market.bars_daily
union all
select symbol, trade_date, open, high, low, close, volume, amount from market.bars_futures_daily
union all
select symbol, trade_date, open, high, low, close, volume_kg, amount from market.bars_spot_daily
union all
select symbol, trade_date, open, high, low, close, tick_count::numeric, null::numeric from market.fx_daily_mid;
