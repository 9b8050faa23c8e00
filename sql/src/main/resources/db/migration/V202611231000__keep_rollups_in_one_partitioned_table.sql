-- The rollup levels (every level that is not a continuous aggregate) are kept as the partitions of one
-- table, market.bar_rollups, listed by the bars' width in minutes, so that a writer sends the 5, 15, 30
-- and 60-minute bars of its chunk in one COPY instead of one per level: a full-market day is written in
-- 500 or so chunks, and each COPY costs the server a statement, four relations to open and a round
-- trip, whatever its size. market.bars_5m/15m/30m/60m become views over the partitions, with the columns
-- they had, so every mode answers the same queries and the continuous aggregates keep their names.

create table market.bar_rollups (
	symbol text not null,
	ts timestamptz not null,
	open numeric not null,
	high numeric not null,
	low numeric not null,
	close numeric not null,
	volume bigint not null,
	amount numeric not null,
	minutes smallint not null
) partition by list (minutes);

do $$
declare
	width integer;
begin
	foreach width in array array[5, 15, 30, 60] loop
		if exists (select 1 from pg_class c join pg_namespace n on n.oid = c.relnamespace
				where n.nspname = 'market' and c.relname = 'bars_' || width || 'm' and c.relkind = 'r') then
			execute format('alter table market.bars_%1$sm rename to bar_rollups_%1$sm', width);
			execute format('alter table market.bar_rollups_%1$sm rename constraint bars_%1$sm_pkey '
				|| 'to bar_rollups_%1$sm_pkey', width);
			execute format('alter index market.bars_%1$sm_ts_brin rename to bar_rollups_%1$sm_ts_brin', width);
			-- The check lets the partition be attached without a second scan of its rows.
			execute format('alter table market.bar_rollups_%1$sm add column minutes smallint not null '
				|| 'default %1$s constraint bar_rollups_%1$sm_minutes check (minutes = %1$s)', width);
			execute format('alter table market.bar_rollups attach partition market.bar_rollups_%1$sm '
				|| 'for values in (%1$s)', width);
			execute format('create view market.bars_%1$sm as select symbol, ts, open, high, low, close, volume, '
				|| 'amount from market.bar_rollups_%1$sm', width);
		end if;
	end loop;
end
$$;
