-- The minute bars' bookkeeping takes the dataset name that market.datasets and the coverage report use,
-- the job's own name, so that loads recorded before this change count towards coverage too.

update market.load_batches set dataset = 'minute_1m' where dataset = 'bars_1m';
update market.load_units set dataset = 'minute_1m' where dataset = 'bars_1m';
update market.rejected_rows set dataset = 'minute_1m' where dataset = 'bars_1m';
update market.failed_work_units set dataset = 'minute_1m' where dataset = 'bars_1m';
