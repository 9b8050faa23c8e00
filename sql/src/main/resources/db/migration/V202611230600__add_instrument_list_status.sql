-- The listing status of an instrument as the sources report it: L listed, D delisted (delist_date is then
-- the first day it no longer trades), P paused (暂停上市: still listed, not trading, no delist_date).
-- Rows stored before this column existed were listed ones.
alter table market.instruments add column list_status text not null default 'L'
	check (list_status in ('L', 'D', 'P'));

-- A re-coded instrument (a Beijing stock moving from 43/83/87xxxx to 920xxx) keeps both codes: the old one
-- delisted on the day of the change, the new one listed from that day and naming the old in previous_symbol,
-- so that a chain of codes is followed through previous_symbol without a separate mapping table.
create index instruments_previous_symbol_idx on market.instruments (previous_symbol)
	where previous_symbol is not null;
