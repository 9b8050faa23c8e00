-- The roadmap's rollout switches (rollout_flags_v1): one batch switch per batch (P0, P1, P2) and module
-- switches within a batch. A module switch counts only while its batch switch is on, so its effective
-- value is computed by the application, never stored. Every change is kept in an append-only trail.

create table market.rollout_switches (
	name text primary key,
	-- 'batch' switches every dataset of a batch; 'module' one module of its batch.
	kind text not null check (kind in ('batch', 'module')),
	-- The batch switched by a batch switch, or the batch a module switch belongs to.
	batch text not null check (batch in ('P0', 'P1', 'P2')),
	value boolean not null,
	-- The endpoint, as source:endpoint, whose latest permission probe must have passed before the switch
	-- may be turned on; null for switches anyone may turn on.
	requires_probe text,
	description text not null,
	updated_at timestamptz not null,
	-- The same moment in epoch milliseconds: the roadmap's updatedAt.
	updated_at_ms bigint not null,
	updated_by text not null,
	reason text not null
);

create unique index rollout_switches_one_per_batch on market.rollout_switches (batch) where kind = 'batch';

create table market.rollout_switch_changes (
	id bigserial primary key,
	switch_name text not null references market.rollout_switches (name),
	-- Null for the value a switch was created with.
	old_value boolean,
	new_value boolean not null,
	changed_by text not null,
	changed_at_ms bigint not null,
	changed_at timestamptz not null,
	reason text not null
);

create index rollout_switch_changes_switch_idx on market.rollout_switch_changes (switch_name, id desc);

-- The trail is evidence for rollbacks and audits: rows are only ever added.
create function market.refuse_rollout_trail_edit() returns trigger language plpgsql as $$
begin
	raise exception 'market.rollout_switch_changes is append-only; % is not allowed', tg_op;
end
$$;

create trigger rollout_switch_changes_append_only before update or delete on market.rollout_switch_changes
	for each row execute function market.refuse_rollout_trail_edit();

create trigger rollout_switch_changes_no_truncate before truncate on market.rollout_switch_changes
	for each statement execute function market.refuse_rollout_trail_edit();

-- The roadmap's final state, with the batches on so that every dataset keeps loading. Two choices differ
-- from its baseline JSON: universeIndexDailyEnabled governs index_daily, a P0 dataset this warehouse
-- loads, so it starts on; the special-permission switch starts off and needs a passed probe.
insert into market.rollout_switches (name, kind, batch, value, requires_probe, description, updated_at,
		updated_at_ms, updated_by, reason) values
	('p0Enabled', 'batch', 'P0', true, null,
		'P0: stocks, ETFs, indexes, futures and SGE spot', now(), 0, 'migration', 'rollout_flags_v1 default'),
	('p1Enabled', 'batch', 'P1', true, null,
		'P1: FX on the whitelist', now(), 0, 'migration', 'rollout_flags_v1 default'),
	('p2Enabled', 'batch', 'P2', true, null,
		'P2: minute, realtime and special-permission modules', now(), 0, 'migration', 'rollout_flags_v1 default'),
	('universeIndexDailyEnabled', 'module', 'P0', true, null,
		'index_daily (recovery wave 1)', now(), 0, 'migration', 'rollout_flags_v1 default; governs index_daily'),
	('universeDailyBasicEnabled', 'module', 'P0', false, null,
		'daily_basic (recovery wave 2); no dataset yet', now(), 0, 'migration', 'rollout_flags_v1 default'),
	('universeMoneyflowEnabled', 'module', 'P0', false, null,
		'moneyflow (recovery wave 3); no dataset yet', now(), 0, 'migration', 'rollout_flags_v1 default'),
	('p2RealtimeIndexV1', 'module', 'P2', true, null,
		'rt_idx_k, rt_idx_min, index_min; no dataset yet', now(), 0, 'migration', 'rollout_flags_v1 default'),
	('p2RealtimeEquityEtfV1', 'module', 'P2', true, null,
		'rt_etf_k, rt_min, stk_mins: minute_1m', now(), 0, 'migration', 'rollout_flags_v1 default; governs minute_1m'),
	('p2FuturesMicrostructureV1', 'module', 'P2', true, null,
		'futures minutes, warehouse receipts, member positions; no dataset yet', now(), 0, 'migration',
		'rollout_flags_v1 default'),
	('p2SpecialPermissionStkPremarketV1', 'module', 'P2', false, 'tushare:stk_premarket',
		'stk_premarket, a special permission of Tushare; on only after a passed probe', now(), 0, 'migration',
		'rollout_flags_v1 default: off until a probe of stk_premarket passes');

update market.rollout_switches set updated_at_ms = (extract(epoch from updated_at) * 1000)::bigint;

insert into market.rollout_switch_changes (switch_name, old_value, new_value, changed_by, changed_at_ms, changed_at,
		reason)
	select name, null, value, updated_by, updated_at_ms, updated_at, reason from market.rollout_switches order by name;

-- Which batch a dataset belongs to and which module switch, if any, governs it. The calendar and the
-- instruments are no datasets: they are infrastructure and are never switched off. Rows of datasets
-- another migration adds later are matched here when they exist already.
alter table market.datasets add column rollout_batch text check (rollout_batch in ('P0', 'P1', 'P2'));
alter table market.datasets add column rollout_switch text references market.rollout_switches (name);

update market.datasets set rollout_batch = 'P0'
	where dataset in ('daily', 'index_daily', 'etf_daily', 'fut_daily', 'fut_mapping', 'sge_daily');
update market.datasets set rollout_batch = 'P1' where dataset in ('fx_daily');
-- 1-minute bars come from stk_mins, which the roadmap's P2 graylist puts under realtime equity/ETF.
update market.datasets set rollout_batch = 'P2', rollout_switch = 'p2RealtimeEquityEtfV1' where dataset = 'minute_1m';
update market.datasets set rollout_switch = 'universeIndexDailyEnabled' where dataset = 'index_daily';
