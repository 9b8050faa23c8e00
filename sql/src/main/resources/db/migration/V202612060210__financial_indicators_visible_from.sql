-- A row the source stamps before its own period ends (waditu/tushare#1917) carries the figures of a
-- later, real announcement whose day it does not tell; showing it from the period's end would leak
-- them. It is visible from the period's legal deadline instead (Q1 by 30 April, the half year by
-- 31 August, Q3 by 31 October, the year by 30 April of the next), when the report must be out.
create function market.report_visible_from(period_end date, announced date)
returns date
language sql immutable as $$
	select case
		when announced >= period_end then announced
		when extract(month from period_end) = 3 then make_date(extract(year from period_end)::int, 4, 30)
		when extract(month from period_end) = 6 then make_date(extract(year from period_end)::int, 8, 31)
		when extract(month from period_end) = 9 then make_date(extract(year from period_end)::int, 10, 31)
		else make_date(extract(year from period_end)::int + 1, 4, 30)
	end
$$;

-- For each stock and period, the latest version known on a day: visible by then (announced on or
-- before it, an early-stamped row only from the deadline), latest announcement first, and among
-- versions announced the same day update_flag 1 over 0.
create or replace function market.financial_indicators_as_of(as_of date)
returns setof market.financial_indicators
language sql stable as $$
	select distinct on (f.symbol, f.period_end) f.*
	from market.financial_indicators f
	where market.report_visible_from(f.period_end, f.announced) <= as_of
	order by f.symbol, f.period_end, f.announced desc, f.update_flag desc, f.loaded_at desc
$$;
