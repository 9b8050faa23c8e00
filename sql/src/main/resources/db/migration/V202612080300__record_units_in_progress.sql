-- A unit of a session still open: an intraday load of today stores the bars published so far and
-- records its units in progress (rows_expected: the bars due by then) until the evening run completes
-- the day. market.coverage counts them apart from the missing ones.
alter table market.load_units drop constraint load_units_status_check;
alter table market.load_units add constraint load_units_status_check
	check (status in ('complete', 'partial', 'empty', 'failed', 'suspended', 'in_progress'));
