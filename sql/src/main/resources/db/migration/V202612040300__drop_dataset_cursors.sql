-- market.dataset_cursors was created with the load bookkeeping but nothing ever wrote or read it: where a
-- dataset stands is what market.load_units holds per instrument and day, which coverage and gap healing
-- read. A table that looks like state but is always empty misleads, so it goes.
drop table if exists market.dataset_cursors;
