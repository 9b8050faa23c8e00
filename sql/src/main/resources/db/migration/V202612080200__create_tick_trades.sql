-- Tick trades (分时成交) from the TDX gateway: every trade of a symbol's day in the order the gateway sent
-- it. The gateway stamps trades to the minute, so several share a time; seq keeps their order of arrival
-- within the symbol's day and makes each row unique.
create table market.tick_trades (
	symbol text not null,
	ts timestamptz not null,
	seq integer not null check (seq >= 0),
	price numeric not null check (price > 0),
	-- Shares (the gateway sends lots of 100).
	volume bigint not null check (volume >= 0),
	-- 0 buyer-initiated, 1 seller-initiated, 2 neutral, as the gateway's Status.
	side smallint not null check (side in (0, 1, 2)),
	source text not null,
	load_batch_id bigint not null,
	loaded_at timestamptz not null default now(),
	primary key (symbol, ts, seq)
);

comment on table market.tick_trades is 'Tick trades per symbol and day from the TDX gateway, in order of arrival';

do $$
begin
	if exists (select 1 from pg_extension where extname = 'timescaledb') then
		-- A full-market day is a few million trades: one-day chunks.
		perform create_hypertable('market.tick_trades', 'ts', chunk_time_interval => interval '1 day',
			create_default_indexes => false, if_not_exists => true, migrate_data => true);
		if current_setting('timescaledb.license', true) = 'timescale' then
			execute 'alter table market.tick_trades set (timescaledb.compress, '
				|| 'timescaledb.compress_segmentby = ''symbol'', timescaledb.compress_orderby = ''ts, seq'')';
			perform add_compression_policy('market.tick_trades', compress_after => interval '7 days',
				if_not_exists => true);
		end if;
	end if;
end
$$;

-- Tick trades are a P2 module of their own and start off: a full-market load costs one call per symbol
-- and day, so an operator turns it on for the symbols and window they want.
insert into market.rollout_switches (name, kind, batch, value, requires_probe, description, updated_at,
		updated_at_ms, updated_by, reason)
	values ('p2TickTradesV1', 'module', 'P2', false, null, 'tick_trade: tick trades from the TDX gateway', now(),
		(extract(epoch from now()) * 1000)::bigint, 'migration', 'off until an operator turns tick trades on');

insert into market.rollout_switch_changes (switch_name, old_value, new_value, changed_by, changed_at_ms, changed_at,
		reason)
	select name, null, value, updated_by, updated_at_ms, updated_at, reason from market.rollout_switches
	where name = 'p2TickTradesV1';

insert into market.datasets (dataset, asset_classes, calendar_exchange, description, rollout_batch, rollout_switch)
	values ('tick_trade', '{stock,etf}', 'SSE', 'Tick trades of A-shares and ETFs from the TDX gateway', 'P2',
		'p2TickTradesV1');
