-- The console's full-market view of a day reads its 60-minute bars (market.bars_60m: one row in twelve
-- of market.bar_levels). The BRIN index on ts only narrows a day down to block ranges, and once days
-- have been reloaded or healed their rows lie in free space all over the table: at 60 full-market days
-- the day's 20,000 bars were found among 1.4 M rows rechecked (about 200 ms). A partial B-tree of just
-- the rows that carry a 60-minute bar, holding the view's columns, answers from the index alone where
-- the table's pages are all-visible and with one heap visit a bar where not. It costs the writers one
-- index entry per 60-minute bar, four a symbol and day.
create index bar_levels_60m_ts_idx on market.bar_levels (ts)
	include (symbol, open_60m, high_60m, low_60m, close_60m, volume_60m, amount_60m)
	where open_60m is not null;
