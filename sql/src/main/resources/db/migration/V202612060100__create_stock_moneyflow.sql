-- Money flows of A-shares by order size (Tushare moneyflow), one row per stock and open day: volumes in
-- shares and amounts in CNY (the source sends lots of 100 shares and 10,000 CNY). Small orders are under
-- 50,000 CNY, medium to 200,000, large to 1 million, extra large above; the source counts actively
-- initiated orders. The net flow is the source's own level-2 figure, not the sum of the sizes.
create table market.stock_moneyflow (
	symbol text not null,
	trade_date date not null,
	buy_small_volume bigint check (buy_small_volume >= 0),
	buy_small_amount numeric check (buy_small_amount >= 0),
	sell_small_volume bigint check (sell_small_volume >= 0),
	sell_small_amount numeric check (sell_small_amount >= 0),
	buy_medium_volume bigint check (buy_medium_volume >= 0),
	buy_medium_amount numeric check (buy_medium_amount >= 0),
	sell_medium_volume bigint check (sell_medium_volume >= 0),
	sell_medium_amount numeric check (sell_medium_amount >= 0),
	buy_large_volume bigint check (buy_large_volume >= 0),
	buy_large_amount numeric check (buy_large_amount >= 0),
	sell_large_volume bigint check (sell_large_volume >= 0),
	sell_large_amount numeric check (sell_large_amount >= 0),
	buy_extra_large_volume bigint check (buy_extra_large_volume >= 0),
	buy_extra_large_amount numeric check (buy_extra_large_amount >= 0),
	sell_extra_large_volume bigint check (sell_extra_large_volume >= 0),
	sell_extra_large_amount numeric check (sell_extra_large_amount >= 0),
	net_volume bigint,
	net_amount numeric,
	source text not null,
	load_batch_id bigint not null,
	loaded_at timestamptz not null default now(),
	primary key (symbol, trade_date)
);

create index stock_moneyflow_trade_date_idx on market.stock_moneyflow (trade_date);

do $$
begin
	if exists (select 1 from pg_extension where extname = 'timescaledb') then
		perform create_hypertable('market.stock_moneyflow', 'trade_date', chunk_time_interval => interval '1 year',
			create_default_indexes => false, if_not_exists => true, migrate_data => true);
	end if;
end
$$;

-- A recovery module of P0 (wave 3) behind its own switch, which starts off; a failure of it marks only
-- itself, never the price chain.
insert into market.datasets (dataset, asset_classes, calendar_exchange, description, rollout_batch, rollout_switch)
	values ('moneyflow', '{stock}', 'SSE', 'Daily money flows of A-shares by order size', 'P0',
		'universeMoneyflowEnabled');

update market.rollout_switches set description = 'moneyflow (recovery wave 3)'
	where name = 'universeMoneyflowEnabled';
