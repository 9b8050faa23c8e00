-- Coverage counts stay exact when loads and instrument changes run at the same time, can be rebuilt, and
-- follow changes to what a dataset owes.
--
-- A load's trigger reads market.instruments and an instrument change's trigger reads market.load_units,
-- each as committed when it runs; without coordination a delisting committed while a load is in flight
-- (or a listing added while its first units load) is missed by both sides and the counts drift. Loads
-- take a shared transaction-level advisory lock, instrument changes an exclusive one: loads never wait
-- for each other, and each side counts after the other has committed.

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

create trigger datasets_recounted after insert or update or delete on market.datasets
	for each statement execute function market.recount_datasets();

create or replace function market.coverage_gaps(p_dataset text, p_day date)
returns table (symbol text, name text, status text, rows_loaded integer, rows_expected integer, reason text,
	quarantined boolean)
language sql stable set jit = off as $$
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
	order by case coalesce(u.status, 'missing') when 'partial' then 1 else 0 end, i.symbol
$$;
