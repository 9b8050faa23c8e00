-- Index minute bars (Tushare's idx_mins, the TDX gateway's /api/index/all) share market.bars_1m and its
-- aggregates with the A-shares: index codes (000300.SH, 399001.SZ) never collide with theirs. They are a
-- dataset of their own, so coverage tells an index's minutes apart from a stock's.
insert into market.datasets (dataset, asset_classes, calendar_exchange, description, rollout_batch, rollout_switch)
	values ('index_minute', '{index}', 'SSE', '1-minute bars of indexes into the 1-minute table', 'P2',
		'p2RealtimeIndexV1');

update market.rollout_switches set description = 'rt_idx_k, rt_idx_min, idx_mins: index_minute'
	where name = 'p2RealtimeIndexV1';
