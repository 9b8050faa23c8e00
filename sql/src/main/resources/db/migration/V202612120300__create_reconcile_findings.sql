-- Where the warehouse and a source disagree about a day, as the 'reconcile' job found it: the source's own 5, 15,
-- 30 and 60-minute bars against our aggregates, each daily bar against the day's minute bars, and a daily close
-- against the last minute close when the two were loaded from different sources. Each row keeps both values and
-- the likely cause. A known convention (Tushare's separate 09:30 auction bar, a source that labels its bars by
-- their start) is stored once per symbol and check, marked convention, and not counted as a difference.
-- A run replaces the rows of the day and symbols it compared, so a mended bar leaves no finding behind.
create table market.reconcile_findings (
	id bigint generated always as identity primary key,
	trade_date date not null,
	symbol text not null,
	-- bars_1m (a corrected minute), bars_5m, bars_15m, bars_30m, bars_60m, daily_vs_minutes or cross_source_close
	check_name text not null,
	-- the bar's label as we store it (its end); null for a daily check
	bar_end timestamptz,
	-- open, high, low, close, volume, amount; 'bar' when one side has no such bar; 'labels' or 'auction' for a convention
	field text not null,
	ours numeric,
	theirs numeric,
	cause text not null check (cause in ('label_convention', 'auction_fold', 'late_correction', 'stale_aggregate',
		'source_disagreement', 'missing_bar', 'incomplete_minutes')),
	convention boolean not null,
	detail text not null,
	source text not null,
	job_execution_id bigint,
	found_at timestamptz not null default now()
);

create index reconcile_findings_day_idx on market.reconcile_findings (trade_date, symbol);
