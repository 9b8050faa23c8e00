-- 5/15/30/60-minute bars with A-share conventions, labelled by bar END in Beijing time:
-- 5m 09:35..11:30 and 13:05..15:00 (48 a day), 15m 16 a day, 30m 8 a day, 60m 10:30, 11:30, 14:00, 15:00.
--
-- Where continuous aggregates exist (TimescaleDB under the timescale license) 5m, 15m and 30m are a
-- hierarchy of them (1m -> 5m -> 15m -> 30m). Their buckets start one minute past the grid
-- ("offset" 1 minute), so that a bucket holds exactly the 1-minute bars whose END lies inside it;
-- the views market.bars_5m/15m/30m turn the bucket start into the bar-end label. Everywhere else the
-- same names are rollup tables filled by the warehouse's aggregate refresh. The lunch break means
-- 60m fits no single time_bucket grid, so market.bars_60m is a rollup table in every mode.

do $$
declare
	has_continuous_aggregates boolean := exists (select 1 from pg_extension where extname = 'timescaledb')
		and current_setting('timescaledb.license', true) = 'timescale';
	level record;
	level_name text;
begin
	if has_continuous_aggregates then
		execute $ddl$
			create materialized view market.bars_5m_cagg
			with (timescaledb.continuous, timescaledb.materialized_only = true) as
			select time_bucket(interval '5 minutes', ts, "offset" => interval '1 minute') as bucket, symbol,
				first(open, ts) as open, max(high) as high, min(low) as low, last(close, ts) as close,
				sum(volume) as volume, sum(amount) as amount
			from market.bars_1m
			group by 1, 2
			with no data
		$ddl$;
		execute $ddl$
			create materialized view market.bars_15m_cagg
			with (timescaledb.continuous, timescaledb.materialized_only = true) as
			select time_bucket(interval '15 minutes', bucket, "offset" => interval '1 minute') as bucket, symbol,
				first(open, bucket) as open, max(high) as high, min(low) as low, last(close, bucket) as close,
				sum(volume) as volume, sum(amount) as amount
			from market.bars_5m_cagg
			group by 1, 2
			with no data
		$ddl$;
		execute $ddl$
			create materialized view market.bars_30m_cagg
			with (timescaledb.continuous, timescaledb.materialized_only = true) as
			select time_bucket(interval '30 minutes', bucket, "offset" => interval '1 minute') as bucket, symbol,
				first(open, bucket) as open, max(high) as high, min(low) as low, last(close, bucket) as close,
				sum(volume) as volume, sum(amount) as amount
			from market.bars_15m_cagg
			group by 1, 2
			with no data
		$ddl$;
		for level in select * from (values ('5m', interval '4 minutes'), ('15m', interval '14 minutes'),
				('30m', interval '29 minutes')) as l (name, to_end) loop
			execute format('create view market.bars_%1$s as select symbol, bucket + %2$L::interval as ts, '
				|| 'open, high, low, close, volume::bigint as volume, amount from market.bars_%1$s_cagg',
				level.name, level.to_end);
		end loop;
	else
		foreach level_name in array array['5m', '15m', '30m'] loop
			execute format('create table market.bars_%s (symbol text not null, ts timestamptz not null, '
				|| 'open numeric not null, high numeric not null, low numeric not null, close numeric not null, '
				|| 'volume bigint not null, amount numeric not null, primary key (symbol, ts))', level_name);
			execute format('create index bars_%1$s_ts_idx on market.bars_%1$s (ts)', level_name);
		end loop;
	end if;
end
$$;

create table market.bars_60m (
	symbol text not null,
	ts timestamptz not null,
	open numeric not null,
	high numeric not null,
	low numeric not null,
	close numeric not null,
	volume bigint not null,
	amount numeric not null,
	primary key (symbol, ts)
);

create index bars_60m_ts_idx on market.bars_60m (ts);
