-- Weekly and monthly bars of stocks, ETFs and indexes, derived from market.bars_daily on the SSE
-- calendar. A plain table in every warehouse mode: a continuous aggregate cannot follow the trading
-- calendar, and a week holding a holiday must end on its last open day, not on Friday.
--
-- Each row keeps the raw period bar and its back-adjusted prices (price x factor, which never change
-- once loaded); forward-adjusted prices divide those by the symbol's latest factor at read time, so a
-- new dividend re-scales history without rewriting it.
create table market.bars_period (
	symbol text not null,
	period text not null check (period in ('week', 'month')),
	-- Monday of the ISO week, or the first of the month.
	period_start date not null,
	-- The label: the period's last open day on the calendar, or its last bar's day where the calendar is
	-- not loaded. A period still under way carries the label of its last open day to come.
	trade_date date not null,
	first_day date not null,
	last_day date not null,
	days integer not null check (days > 0),
	open numeric not null,
	high numeric not null,
	low numeric not null,
	close numeric not null,
	-- The first day's pre_close: the previous close, ex-rights adjusted by the source.
	pre_close numeric,
	volume bigint not null,
	amount numeric not null,
	-- Back-adjusted prices; null when some day of the period has no adjustment factor.
	adj_open numeric,
	adj_high numeric,
	adj_low numeric,
	adj_close numeric,
	refreshed_at timestamptz not null default now(),
	primary key (symbol, period, period_start),
	check (first_day <= last_day)
);

create index bars_period_label_idx on market.bars_period (period, trade_date);

comment on table market.bars_period is
	'Weekly and monthly bars from bars_daily on the SSE calendar; refreshed with every daily load';

-- Recomputes every week and month that overlaps [p_from, p_to] for the given symbols (all when null)
-- from the daily bars, and removes periods that no longer have any. Returns the rows written.
create function market.refresh_period_bars(p_symbols text[], p_from date, p_to date) returns integer
language plpgsql as $$
declare
	week_from date := date_trunc('week', p_from)::date;
	week_to date := date_trunc('week', p_to)::date;
	month_from date := date_trunc('month', p_from)::date;
	month_to date := date_trunc('month', p_to)::date;
	written integer;
begin
	delete from market.bars_period b
	where (p_symbols is null or b.symbol = any (p_symbols))
		and ((b.period = 'week' and b.period_start between week_from and week_to)
			or (b.period = 'month' and b.period_start between month_from and month_to));

	insert into market.bars_period (symbol, period, period_start, trade_date, first_day, last_day, days, open,
		high, low, close, pre_close, volume, amount, adj_open, adj_high, adj_low, adj_close)
	with periods (period, period_start, period_end) as (
		select 'week', w::date, (w + interval '7 days')::date
		from generate_series(week_from, week_to, interval '7 days') w
		union all
		select 'month', m::date, (m + interval '1 month')::date
		from generate_series(month_from, month_to, interval '1 month') m
	), labels as (
		select p.period, p.period_start, max(c.cal_date) as last_open
		from periods p
		join market.trading_calendar c on c.exchange = 'SSE' and c.is_open
			and c.cal_date >= p.period_start and c.cal_date < p.period_end
		group by p.period, p.period_start
	)
	select d.symbol, p.period, p.period_start,
		coalesce(max(l.last_open), max(d.trade_date)),
		min(d.trade_date), max(d.trade_date), count(*),
		(array_agg(d.open order by d.trade_date))[1], max(d.high), min(d.low),
		(array_agg(d.close order by d.trade_date desc))[1],
		(array_agg(d.pre_close order by d.trade_date))[1],
		sum(d.volume), sum(d.amount),
		case when count(d.adj_factor) = count(*) then (array_agg(d.open * d.adj_factor order by d.trade_date))[1] end,
		case when count(d.adj_factor) = count(*) then max(d.high * d.adj_factor) end,
		case when count(d.adj_factor) = count(*) then min(d.low * d.adj_factor) end,
		case when count(d.adj_factor) = count(*)
			then (array_agg(d.close * d.adj_factor order by d.trade_date desc))[1] end
	from periods p
	join market.bars_daily d on d.trade_date >= p.period_start and d.trade_date < p.period_end
	left join labels l on l.period = p.period and l.period_start = p.period_start
	where p_symbols is null or d.symbol = any (p_symbols)
	group by d.symbol, p.period, p.period_start;
	get diagnostics written = row_count;
	return written;
end;
$$;

create view market.bars_weekly as
select symbol, trade_date, open, high, low, close, pre_close, volume, amount, days, first_day, last_day
from market.bars_period where period = 'week';

create view market.bars_monthly as
select symbol, trade_date, open, high, low, close, pre_close, volume, amount, days, first_day, last_day
from market.bars_period where period = 'month';

-- Forward-adjusted (qfq) like market.bars_daily_forward_adjusted: the latest period reads as traded.
create view market.bars_weekly_forward_adjusted as
select p.symbol, p.trade_date, p.adj_open / latest.adj_factor as open, p.adj_high / latest.adj_factor as high,
	p.adj_low / latest.adj_factor as low, p.adj_close / latest.adj_factor as close, p.volume, p.amount, p.days
from market.bars_period p
cross join lateral (
	select l.adj_factor from market.bars_daily l
	where l.symbol = p.symbol and l.adj_factor is not null
	order by l.trade_date desc limit 1
) latest
where p.period = 'week' and p.adj_open is not null;

create view market.bars_monthly_forward_adjusted as
select p.symbol, p.trade_date, p.adj_open / latest.adj_factor as open, p.adj_high / latest.adj_factor as high,
	p.adj_low / latest.adj_factor as low, p.adj_close / latest.adj_factor as close, p.volume, p.amount, p.days
from market.bars_period p
cross join lateral (
	select l.adj_factor from market.bars_daily l
	where l.symbol = p.symbol and l.adj_factor is not null
	order by l.trade_date desc limit 1
) latest
where p.period = 'month' and p.adj_open is not null;
