-- Bars arrive in time order, so a BRIN index finds a window's rows as well as a B-tree does for the
-- scans that need it (aggregate refreshes and coverage read whole sessions across all symbols), at a
-- fraction of the cost per inserted row. Per-symbol reads keep the (symbol, ts) primary keys.

drop index if exists market.bars_1m_ts_idx;
create index bars_1m_ts_brin on market.bars_1m using brin (ts);

drop index if exists market.bars_60m_ts_idx;
create index bars_60m_ts_brin on market.bars_60m using brin (ts);

do $$
declare
	level_name text;
begin
	foreach level_name in array array['5m', '15m', '30m'] loop
		-- Rollup tables only; continuous aggregates index their own materialization.
		if exists (select 1 from pg_class c join pg_namespace n on n.oid = c.relnamespace
				where n.nspname = 'market' and c.relname = 'bars_' || level_name and c.relkind = 'r') then
			execute format('drop index if exists market.bars_%1$s_ts_idx', level_name);
			execute format('create index bars_%1$s_ts_brin on market.bars_%1$s using brin (ts)', level_name);
		end if;
	end loop;
end
$$;
