-- The coverage functions in their current form. They were first created by the versioned migrations
-- V202611230800 and V202611230810, which stay as history; from here on a change to any of them is made
-- here, and Flyway applies this file again whenever it changes, after the versioned migrations.
--
-- The triggers that call them are created by those versioned migrations and call them by name.

-- Whether a unit of this symbol on this day counts for the dataset: the symbol is an instrument of one of
-- the dataset's asset classes and was listed that day.
create or replace function market.unit_counts(p_asset_class text, p_list_date date, p_delist_date date,
		p_asset_classes text[], p_day date)
returns boolean language sql immutable as $$
	select p_asset_class = any (p_asset_classes)
		and (p_list_date is null or p_list_date <= p_day)
		and (p_delist_date is null or p_day < p_delist_date)
$$;

create or replace function market.count_load_units() returns trigger language plpgsql as $$
begin
	-- Loads count against the instruments as committed: wait for an instruments change in flight, and
	-- make one wait for this transaction (see recount_instrument_units).
	perform pg_advisory_xact_lock_shared(hashtext('market.coverage_counts'));
	if tg_op = 'INSERT' then
		insert into market.coverage_day_changes (dataset, trade_date, status, units)
		select u.dataset, u.trade_date, u.status, count(*)
		from new_units u
		join market.datasets d on d.dataset = u.dataset
		join market.instruments i on i.symbol = u.symbol
		where market.unit_counts(i.asset_class, i.list_date, i.delist_date, d.asset_classes, u.trade_date)
		group by u.dataset, u.trade_date, u.status;
	elsif tg_op = 'DELETE' then
		insert into market.coverage_day_changes (dataset, trade_date, status, units)
		select u.dataset, u.trade_date, u.status, -count(*)
		from old_units u
		join market.datasets d on d.dataset = u.dataset
		join market.instruments i on i.symbol = u.symbol
		where market.unit_counts(i.asset_class, i.list_date, i.delist_date, d.asset_classes, u.trade_date)
		group by u.dataset, u.trade_date, u.status;
	else
		-- An upsert that rewrites a unit with the same status changes nothing and appends nothing.
		insert into market.coverage_day_changes (dataset, trade_date, status, units)
		select c.dataset, c.trade_date, c.status, sum(c.n)
		from (
			select u.dataset, u.symbol, u.trade_date, u.status, 1 as n from new_units u
			union all
			select u.dataset, u.symbol, u.trade_date, u.status, -1 from old_units u
		) c
		join market.datasets d on d.dataset = c.dataset
		join market.instruments i on i.symbol = c.symbol
		where market.unit_counts(i.asset_class, i.list_date, i.delist_date, d.asset_classes, c.trade_date)
		group by c.dataset, c.trade_date, c.status
		having sum(c.n) <> 0;
	end if;
	return null;
end
$$;

create or replace function market.recount_instrument_units() returns trigger language plpgsql as $$
begin
	-- Waits for every load in flight to commit, so its units are seen here, and keeps new loads waiting
	-- until this change commits, so they see it: neither side can count against the other's old state.
	perform pg_advisory_xact_lock(hashtext('market.coverage_counts'));
	if tg_op = 'INSERT' then
		insert into market.coverage_day_changes (dataset, trade_date, status, units)
		select u.dataset, u.trade_date, u.status, count(*)
		from new_instruments i
		join market.datasets d on i.asset_class = any (d.asset_classes)
		join market.load_units u on u.dataset = d.dataset and u.symbol = i.symbol
		where market.unit_counts(i.asset_class, i.list_date, i.delist_date, d.asset_classes, u.trade_date)
		group by u.dataset, u.trade_date, u.status;
	elsif tg_op = 'DELETE' then
		insert into market.coverage_day_changes (dataset, trade_date, status, units)
		select u.dataset, u.trade_date, u.status, -count(*)
		from old_instruments i
		join market.datasets d on i.asset_class = any (d.asset_classes)
		join market.load_units u on u.dataset = d.dataset and u.symbol = i.symbol
		where market.unit_counts(i.asset_class, i.list_date, i.delist_date, d.asset_classes, u.trade_date)
		group by u.dataset, u.trade_date, u.status;
	else
		insert into market.coverage_day_changes (dataset, trade_date, status, units)
		select u.dataset, u.trade_date, u.status, sum(i.n)
		from (
			select added.*, 1 as n from (
				select symbol, asset_class, list_date, delist_date from new_instruments
				except
				select symbol, asset_class, list_date, delist_date from old_instruments) added
			union all
			select removed.*, -1 from (
				select symbol, asset_class, list_date, delist_date from old_instruments
				except
				select symbol, asset_class, list_date, delist_date from new_instruments) removed
		) i
		join market.datasets d on i.asset_class = any (d.asset_classes)
		join market.load_units u on u.dataset = d.dataset and u.symbol = i.symbol
		where market.unit_counts(i.asset_class, i.list_date, i.delist_date, d.asset_classes, u.trade_date)
		group by u.dataset, u.trade_date, u.status
		having sum(i.n) <> 0;
	end if;
	return null;
end
$$;

-- Moves the appended counts into coverage_days. Only one session folds at a time; one that finds another
-- folding goes on without waiting (readers add the changes not yet folded themselves).
create or replace function market.fold_coverage_changes() returns void language plpgsql as $$
begin
	if not pg_try_advisory_xact_lock(hashtext('market.coverage_days')) then
		return;
	end if;
	with moved as (
		delete from market.coverage_day_changes returning dataset, trade_date, status, units
	)
	insert into market.coverage_days (dataset, trade_date, status, units)
	select dataset, trade_date, status, sum(units) from moved
	group by dataset, trade_date, status
	order by dataset, trade_date, status
	on conflict (dataset, trade_date, status) do update set units = market.coverage_days.units + excluded.units;
end
$$;

-- Refuses the days no coverage question may span: a null, infinite or absurd bound (a date before
-- 4713 BC reaches the server as -infinity, and a day series up to it never ends), or more than 20
-- years at once. SQLSTATE 22023 (invalid_parameter_value), so that a caller can tell it from a fault.
create or replace function market.check_coverage_days(p_from date, p_to date) returns void
language plpgsql immutable as $$
begin
	if p_from is null or p_to is null or not isfinite(p_from) or not isfinite(p_to)
			or p_from < date '1990-01-01' or p_to > date '2200-01-01' then
		raise exception 'coverage days must lie from 1990-01-01, not % to %', p_from, p_to
			using errcode = '22023';
	end if;
	if p_to - p_from > 7400 then
		raise exception 'coverage spans at most 20 years at once, not % to %', p_from, p_to
			using errcode = '22023';
	end if;
end
$$;

-- Per dataset (all when p_dataset is null) and calendar day from p_from to p_to:
--   day_state   'open', 'closed', or 'unknown' when the calendar has no row for the day
--   instruments instruments of the dataset's asset classes
--   complete, partial, missing  units owed that day (listed, open day) by what load_units says; missing
--               counts absent, empty and failed units
--   in_progress units of a session still open (an intraday load): neither missing nor partial
--   suspended, not_listed, delisted  not applicable that day; on a closed or unknown day every instrument
--               is not applicable and these are 0
-- Its columns changed (in_progress), which create or replace cannot do.
drop function if exists market.coverage(text, date, date);
create function market.coverage(p_dataset text, p_from date, p_to date)
returns table (dataset text, trade_date date, day_state text, instruments bigint, complete bigint,
	partial bigint, missing bigint, suspended bigint, not_listed bigint, delisted bigint, in_progress bigint)
-- The planner cannot estimate generate_series over dates and the running sums; with nested loops it would
-- re-aggregate the counts once per day (seconds for ten years instead of milliseconds). The query is small
-- whatever the range: compiling it (JIT) would cost more than running it.
language plpgsql volatile set enable_nestloop = off set jit = off as $$
begin
	perform market.check_coverage_days(p_from, p_to);
	perform market.fold_coverage_changes();
	return query
	with ds as (
		select d.dataset, d.asset_classes, d.calendar_exchange from market.datasets d
		where p_dataset is null or d.dataset = p_dataset
	),
	days as (
		select ds.dataset, g.day::date as day,
			case when c.is_open then 'open' when not c.is_open then 'closed' else 'unknown' end as day_state
		from ds
		cross join generate_series(p_from, p_to, interval '1 day') as g (day)
		left join market.trading_calendar c on c.exchange = ds.calendar_exchange and c.cal_date = g.day::date
	),
	inst as (
		select ds.dataset, i.list_date, i.delist_date
		from ds join market.instruments i on i.asset_class = any (ds.asset_classes)
	),
	totals as (
		select ds.dataset, count(inst.dataset) as total, count(inst.list_date) as dated
		from ds left join inst on inst.dataset = ds.dataset
		group by ds.dataset
	),
	-- Listings and delistings before a day, as running sums over one ordered stream; on the same date
	-- the events (kind 0) come before the day (kind 1), since a listing counts from its list date and a
	-- delisting from its delist date.
	stream as (
		select inst.dataset, inst.list_date as d, 0 as kind, 1 as listed, 0 as gone from inst
		where inst.list_date is not null
		union all
		select inst.dataset, inst.delist_date, 0, 0, 1 from inst where inst.delist_date is not null
		union all
		select days.dataset, days.day, 1, 0, 0 from days
	),
	running as (
		select s.dataset, s.d, s.kind,
			sum(s.listed) over w as started,
			sum(s.gone) over w as gone
		from stream s
		window w as (partition by s.dataset order by s.d, s.kind rows unbounded preceding)
	),
	counted as (
		select c.dataset, c.trade_date,
			sum(c.units) filter (where c.status = 'complete') as complete,
			sum(c.units) filter (where c.status = 'partial') as partial,
			sum(c.units) filter (where c.status = 'suspended') as suspended,
			sum(c.units) filter (where c.status = 'in_progress') as in_progress
		from (
			select cd.dataset, cd.trade_date, cd.status, cd.units from market.coverage_days cd
			where cd.dataset in (select ds.dataset from ds) and cd.trade_date between p_from and p_to
			union all
			select ch.dataset, ch.trade_date, ch.status, ch.units from market.coverage_day_changes ch
			where ch.dataset in (select ds.dataset from ds) and ch.trade_date between p_from and p_to
		) c
		group by c.dataset, c.trade_date
	),
	listed as (
		select days.dataset, days.day, days.day_state, t.total,
			t.dated - r.started as not_listed, r.gone as delisted
		from days
		join running r on r.dataset = days.dataset and r.d = days.day and r.kind = 1
		join totals t on t.dataset = days.dataset
	)
	select l.dataset, l.day, l.day_state, l.total,
		case when l.day_state = 'open' then coalesce(k.complete, 0) else 0 end::bigint,
		case when l.day_state = 'open' then coalesce(k.partial, 0) else 0 end::bigint,
		case when l.day_state = 'open' then greatest(l.total - l.not_listed - l.delisted
			- coalesce(k.complete, 0) - coalesce(k.partial, 0) - coalesce(k.suspended, 0)
			- coalesce(k.in_progress, 0), 0) else 0 end::bigint,
		case when l.day_state = 'open' then coalesce(k.suspended, 0) else 0 end::bigint,
		case when l.day_state = 'open' then l.not_listed else 0 end::bigint,
		case when l.day_state = 'open' then l.delisted else 0 end::bigint,
		case when l.day_state = 'open' then coalesce(k.in_progress, 0) else 0 end::bigint
	from listed l
	left join counted k on k.dataset = l.dataset and k.trade_date = l.day
	order by l.dataset, l.day;
end
$$;

create or replace function market.coverage_gaps(p_dataset text, p_day date)
returns table (symbol text, name text, status text, rows_loaded integer, rows_expected integer, reason text,
	quarantined boolean)
language plpgsql stable set jit = off as $$
begin
	perform market.check_coverage_days(p_day, p_day);
	return query
	select i.symbol, i.name, coalesce(u.status, 'missing'), u.rows_loaded, u.rows_expected,
		coalesce(u.reason, f.last_error), f.quarantined_at is not null
	from market.datasets d
	join market.instruments i on market.unit_counts(i.asset_class, i.list_date, i.delist_date, d.asset_classes, p_day)
	left join market.load_units u on u.dataset = d.dataset and u.symbol = i.symbol and u.trade_date = p_day
	left join market.failed_work_units f on f.dataset = d.dataset and f.resolved_at is null
		and f.unit_key = i.symbol || '/' || to_char(p_day, 'YYYY-MM-DD')
	where d.dataset = p_dataset
		and exists (select 1 from market.trading_calendar c
			where c.exchange = d.calendar_exchange and c.cal_date = p_day and c.is_open)
		and (u.status is null or u.status not in ('complete', 'suspended'))
	order by case coalesce(u.status, 'missing') when 'partial' then 1 else 0 end, i.symbol;
end
$$;

-- Recounts a dataset's units (all datasets when p_dataset is null) from load_units, for a change to
-- market.datasets and for repair by hand: select market.rebuild_coverage(null);
create or replace function market.rebuild_coverage(p_dataset text) returns void language plpgsql as $$
begin
	perform pg_advisory_xact_lock(hashtext('market.coverage_counts'));
	perform pg_advisory_xact_lock(hashtext('market.coverage_days'));
	delete from market.coverage_day_changes where p_dataset is null or dataset = p_dataset;
	delete from market.coverage_days where p_dataset is null or dataset = p_dataset;
	insert into market.coverage_days (dataset, trade_date, status, units)
	select u.dataset, u.trade_date, u.status, count(*)
	from market.load_units u
	join market.datasets d on d.dataset = u.dataset
	join market.instruments i on i.symbol = u.symbol
	where (p_dataset is null or u.dataset = p_dataset)
		and market.unit_counts(i.asset_class, i.list_date, i.delist_date, d.asset_classes, u.trade_date)
	group by u.dataset, u.trade_date, u.status;
end
$$;

-- A dataset added, removed or owing other asset classes recounts everything it touches.
create or replace function market.recount_datasets() returns trigger language plpgsql as $$
begin
	perform market.rebuild_coverage(null);
	return null;
end
$$;
