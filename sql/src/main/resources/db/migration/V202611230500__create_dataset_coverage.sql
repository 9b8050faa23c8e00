-- What the warehouse promises to hold, so that coverage can be computed instead of assumed.
--
-- Each dataset names the instruments it covers (by asset class) and the exchange whose calendar decides
-- its trading days. For every open day inside an instrument's listing window [list_date, delist_date) the
-- dataset owes one unit in market.load_units; a unit that is not there, or is there as 'empty' or
-- 'failed', is a hole. 'suspended' is the source saying the instrument did not trade that day, which
-- makes the day not applicable rather than missing.

create table market.datasets (
	dataset text primary key,
	asset_classes text[] not null,
	calendar_exchange text not null default 'SSE',
	description text not null
);

insert into market.datasets (dataset, asset_classes, description) values
	('minute_1m', '{stock,etf}', '1-minute bars of A-shares and ETFs'),
	('daily', '{stock}', 'Raw daily bars and adjustment factors of A-shares'),
	('index_daily', '{index}', 'Daily bars of indexes'),
	('etf_daily', '{etf}', 'Daily bars of ETFs');

alter table market.load_units drop constraint load_units_status_check;
alter table market.load_units add constraint load_units_status_check
	check (status in ('complete', 'partial', 'empty', 'failed', 'suspended'));
