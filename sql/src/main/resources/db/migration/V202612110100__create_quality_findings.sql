-- What the data-quality rules found wrong in loaded rows: a price outside the day's limit band, a volume of zero
-- with a price change, inconsistent OHLC, an adjustment factor that moves on a day without a corporate action, an
-- FX bid above its ask, a futures settle outside the day's range. A run of the rules replaces the findings of the
-- days it read, so a corrected row leaves no finding behind. Blocking findings make 'check' fail.
create table market.quality_findings (
	rule text not null,
	dataset text not null,
	symbol text not null,
	trade_date date not null,
	severity text not null check (severity in ('blocking', 'warning')),
	detail text not null,
	found_at timestamptz not null default now(),
	primary key (rule, dataset, symbol, trade_date)
);

create index quality_findings_day_idx on market.quality_findings (trade_date);
