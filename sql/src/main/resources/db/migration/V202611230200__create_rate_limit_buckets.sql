-- Token buckets of the source rate limiter (Bucket4j's PostgreSQL backend). One row per source,
-- endpoint and configured rate, for example 'tushare:daily:500'; the state is Bucket4j's own
-- serialized bucket, read and written under SELECT ... FOR UPDATE so that every process that loads
-- through this warehouse shares one quota.
create table market.rate_limit_buckets (
	id text primary key,
	state bytea
);
