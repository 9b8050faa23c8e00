-- Report periods as a calendar: a day is open where a quarter ends, so that a dataset owing one row per
-- stock and period has units, coverage and gap healing like one owing a row per session. Computed, not
-- loaded: no source publishes it.
insert into market.trading_calendar (exchange, cal_date, is_open, previous_open_date)
select 'QUARTER', d::date, (d + interval '1 day')::date = date_trunc('quarter', d + interval '1 day')::date,
	(date_trunc('quarter', d) - interval '1 day')::date
from generate_series(date '1990-01-01', date '2040-12-31', interval '1 day') d
on conflict do nothing;

-- Every version of a stock's financial indicators per report period (Tushare fina_indicator): the
-- original and each restatement with its own announcement day, never merged, so that a query as of a
-- day sees only what had been announced by then. Rows the source repeats exactly are stored once. The
-- indicators of the source's default set that matter most are typed columns (per-share figures in CNY,
-- ratios and growth rates in percent as sent, amounts in CNY); every other column it sent is in others.
create table market.financial_indicators (
	symbol text not null,
	period_end date not null,
	announced date not null,
	-- As sent ('0' original, '1' latest by the maintainer's word); empty where the source sent none.
	update_flag text not null,
	eps numeric,
	dt_eps numeric,
	bps numeric,
	ocfps numeric,
	cfps numeric,
	roe numeric,
	roe_waa numeric,
	roe_dt numeric,
	roa numeric,
	roic numeric,
	netprofit_margin numeric,
	grossprofit_margin numeric,
	current_ratio numeric,
	quick_ratio numeric,
	cash_ratio numeric,
	debt_to_assets numeric,
	assets_turn numeric,
	profit_dedt numeric,
	extra_item numeric,
	ebit numeric,
	ebitda numeric,
	basic_eps_yoy numeric,
	netprofit_yoy numeric,
	dt_netprofit_yoy numeric,
	or_yoy numeric,
	tr_yoy numeric,
	ocf_yoy numeric,
	roe_yoy numeric,
	equity_yoy numeric,
	others jsonb not null default '{}',
	-- What is odd about the row as sent (an announcement before its own period ends), or null.
	quality_note text,
	source text not null,
	load_batch_id bigint not null,
	first_loaded_at timestamptz not null default now(),
	loaded_at timestamptz not null default now(),
	primary key (symbol, period_end, announced, update_flag)
);

create index financial_indicators_announced_idx on market.financial_indicators (announced);

do $$
begin
	if exists (select 1 from pg_extension where extname = 'timescaledb') then
		perform create_hypertable('market.financial_indicators', 'period_end',
			chunk_time_interval => interval '5 years', create_default_indexes => false, if_not_exists => true,
			migrate_data => true);
	end if;
end
$$;

-- For each stock and period, the latest version known on a day: announced on or before it, and never
-- before its own period has ended (a row the source stamps earlier, waditu/tushare#1917, is visible
-- from the period's end). Among versions announced the same day, update_flag 1 wins over 0.
create function market.financial_indicators_as_of(as_of date)
returns setof market.financial_indicators
language sql stable as $$
	select distinct on (f.symbol, f.period_end) f.*
	from market.financial_indicators f
	where f.announced <= as_of and f.period_end <= as_of
	order by f.symbol, f.period_end, f.announced desc, f.update_flag desc, f.loaded_at desc
$$;

comment on function market.financial_indicators_as_of(date) is
	'Each stock''s and period''s latest financial indicators announced on or before the day; nothing later.';

insert into market.datasets (dataset, asset_classes, calendar_exchange, description)
	values ('fina_indicator', '{stock}', 'QUARTER', 'Financial indicators of A-shares, every version by announcement');
