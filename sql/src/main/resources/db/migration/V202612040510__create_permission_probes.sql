-- What each endpoint the jobs call answered to the smallest request that tells a granted endpoint from a
-- refused one: the probe's record, newest last. The special-permission switch reads the latest row of its
-- endpoint; the console's system page lists the latest row of each.

create table market.permission_probes (
	id bigserial primary key,
	-- The source's key: tushare, sandbox, tdx, eastmoney.
	source text not null,
	-- The endpoint in the source's own terms: stk_premarket, /api/minute, f10/lsjz.
	endpoint text not null,
	-- The request sent, without any credential: trade_date=20261120 limit=1.
	request text not null,
	granted boolean not null,
	-- What the source said: Tushare's msg (a permission or quota text), the gateway's message, or how the
	-- call failed; for a granted endpoint the number of rows it sent.
	message text not null,
	probed_at timestamptz not null default now()
);

create index permission_probes_latest_idx on market.permission_probes (source, endpoint, id desc);
