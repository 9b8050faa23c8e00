-- Reference data of the warehouse. The TimescaleDB extension is created where the server offers it;
-- without it the same tables serve as plain PostgreSQL (the warehouse's "plain" mode).

do $$
begin
	if exists (select 1 from pg_available_extensions where name = 'timescaledb') then
		create extension if not exists timescaledb;
	end if;
end
$$;

create schema if not exists market;

-- Every tradable or quoted thing, keyed by its code in Tushare form: 600000.SH, 000001.SZ, 920118.BJ,
-- 510300.SH (ETF), 000300.SH (index), IF2412.CFX (future), Au99.99 (SGE spot), USDCNH.FXCM, 000001.OF.
create table market.instruments (
	symbol text primary key,
	exchange text not null check (exchange in ('SSE', 'SZSE', 'BSE', 'CFFEX', 'SHFE', 'DCE', 'CZCE', 'INE',
		'GFEX', 'SGE', 'FXCM', 'CSI', 'SW', 'OTC')),
	asset_class text not null check (asset_class in ('stock', 'etf', 'index', 'future', 'spot', 'fx', 'fund')),
	name text not null,
	list_date date,
	delist_date date,
	tick_size numeric not null check (tick_size > 0),
	lot_size integer not null check (lot_size > 0),
	currency char(3) not null default 'CNY',
	-- Re-coded instruments (for example Beijing codes moving to 920xxx) keep their history linked.
	previous_symbol text,
	updated_at timestamptz not null default now(),
	check (delist_date is null or list_date is null or delist_date >= list_date)
);

create index instruments_exchange_class_idx on market.instruments (exchange, asset_class);

create table market.trading_calendar (
	exchange text not null,
	cal_date date not null,
	is_open boolean not null,
	-- The previous open day, as the exchanges publish it; null only before the first known open day.
	previous_open_date date,
	primary key (exchange, cal_date)
);
