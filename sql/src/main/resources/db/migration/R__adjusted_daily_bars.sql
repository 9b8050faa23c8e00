-- Adjusted daily prices derived from raw bars and the source's adjustment factor.
-- Back-adjusted (hfq): price x factor. Forward-adjusted (qfq): price x factor / the symbol's latest
-- factor, so the latest day reads as traded and history is scaled to it.

create or replace view market.bars_daily_back_adjusted as
select symbol, trade_date,
	open * adj_factor as open, high * adj_factor as high, low * adj_factor as low, close * adj_factor as close,
	volume, amount, adj_factor
from market.bars_daily
where adj_factor is not null;

create or replace view market.bars_daily_forward_adjusted as
select d.symbol, d.trade_date,
	d.open * d.adj_factor / latest.adj_factor as open,
	d.high * d.adj_factor / latest.adj_factor as high,
	d.low * d.adj_factor / latest.adj_factor as low,
	d.close * d.adj_factor / latest.adj_factor as close,
	d.volume, d.amount, d.adj_factor
from market.bars_daily d
cross join lateral (
	select l.adj_factor
	from market.bars_daily l
	where l.symbol = d.symbol and l.adj_factor is not null
	order by l.trade_date desc
	limit 1
) latest
where d.adj_factor is not null;
