-- Progress, summaries and the mixed-sources check read a load's units by its batch on every poll and
-- every launch; without an index each read scans every unit the warehouse ever loaded.
create index load_units_batch_idx on market.load_units (load_batch_id);
