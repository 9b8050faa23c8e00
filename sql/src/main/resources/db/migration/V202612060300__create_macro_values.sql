-- Months as a calendar, open on each month's last day: a macro series owes one unit per month (the
-- month's figure, or its days' figures for a daily series). Computed, not loaded.
insert into market.trading_calendar (exchange, cal_date, is_open, previous_open_date)
select 'MONTH', d::date, (d + interval '1 day')::date = date_trunc('month', d + interval '1 day')::date,
	(date_trunc('month', d) - interval '1 day')::date
from generate_series(date '1990-01-01', date '2040-12-31', interval '1 day') d
on conflict do nothing;

-- Macro series are instruments of their own class, published by a statistics office or a central
-- bank rather than listed on an exchange.
alter table market.instruments drop constraint instruments_asset_class_check;
alter table market.instruments add constraint instruments_asset_class_check
	check (asset_class in ('stock', 'etf', 'index', 'future', 'future_main', 'spot', 'fx', 'fund', 'macro'));
alter table market.instruments drop constraint instruments_exchange_check;
alter table market.instruments add constraint instruments_exchange_check
	check (exchange in ('SSE', 'SZSE', 'BSE', 'CFFEX', 'SHFE', 'DCE', 'CZCE', 'INE', 'GFEX', 'SGE', 'FXCM', 'CSI',
		'SW', 'OTC', 'NBS', 'PBOC', 'NIFC', 'UST'));

-- The series of the rollout roadmap's P1 macro batch, from the first period Tushare holds.
insert into market.instruments (symbol, exchange, asset_class, name, list_date, tick_size, lot_size, currency)
values
	('cn_gdp', 'NBS', 'macro', 'China GDP, quarterly, cumulative (100 million CNY, growth in %)', date '1992-01-01',
		1, 1, 'CNY'),
	('cn_cpi', 'NBS', 'macro', 'China consumer prices, monthly (index and changes in %)', date '2000-01-01', 1, 1,
		'CNY'),
	('cn_ppi', 'NBS', 'macro', 'China producer prices, monthly (changes in %)', date '2000-01-01', 1, 1, 'CNY'),
	('cn_m', 'PBOC', 'macro', 'China money supply M0, M1, M2, monthly (100 million CNY, changes in %)',
		date '2000-01-01', 1, 1, 'CNY'),
	('shibor', 'NIFC', 'macro', 'Shanghai interbank offered rates, daily (%)', date '2006-10-01', 1, 1, 'CNY'),
	('shibor_lpr', 'NIFC', 'macro', 'Loan prime rates, 1 and 5 years (%)', date '2013-10-01', 1, 1, 'CNY'),
	('us_tycr', 'UST', 'macro', 'US Treasury par yield curve, daily (%)', date '1990-01-01', 1, 1, 'USD')
on conflict (symbol) do nothing;

-- Every version of a macro figure: the period it measures, the day it became known (available_date)
-- and how that day was found: 'calendar' (the economic calendar lists the release), 'lag_rule' (no
-- listing; the series' configured publication lag after the period) or 'revision' (a later load found
-- another value for the period, known from that load's day, since the source keeps no vintages).
-- A reload that finds the same values adds nothing.
create table market.macro_values (
	series text not null,
	period_date date not null,
	period text not null,
	available_date date not null,
	available_from text not null check (available_from in ('calendar', 'lag_rule', 'revision')),
	figures jsonb not null,
	source text not null,
	load_batch_id bigint not null,
	loaded_at timestamptz not null default now(),
	primary key (series, period_date, available_date)
);

-- The figures of a series known on a day: for each period, the latest version available by then.
create function market.macro_as_of(wanted_series text, as_of date)
returns table (series text, period_date date, period text, available_date date, available_from text,
	figures jsonb)
language sql stable as $$
	select distinct on (v.period_date) v.series, v.period_date, v.period, v.available_date, v.available_from,
		v.figures
	from market.macro_values v
	where v.series = wanted_series and v.available_date <= as_of
	order by v.period_date, v.available_date desc
$$;

comment on function market.macro_as_of(text, date) is
	'A macro series'' figures known on a day: per period the latest version available by then, nothing later.';

insert into market.datasets (dataset, asset_classes, calendar_exchange, description, rollout_batch)
	values ('macro', '{macro}', 'MONTH', 'China and US macro series with their release dates', 'P1');
