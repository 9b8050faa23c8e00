-- The minute_1m job recorded its work under the table's name, bars_1m; market.datasets knows the dataset as
-- minute_1m. What was recorded before moves to that name, so that coverage counts it and a reload of a day
-- meets its earlier unit.
update market.load_units set dataset = 'minute_1m' where dataset = 'bars_1m';
update market.failed_work_units set dataset = 'minute_1m' where dataset = 'bars_1m';
update market.rejected_rows set dataset = 'minute_1m' where dataset = 'bars_1m';
update market.load_batches set dataset = 'minute_1m' where dataset = 'bars_1m';
update market.dataset_cursors set dataset = 'minute_1m' where dataset = 'bars_1m';
