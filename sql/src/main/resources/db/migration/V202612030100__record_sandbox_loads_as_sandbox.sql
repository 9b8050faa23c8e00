-- Rows loaded from the sandbox were recorded with the source whose protocol it speaks ('tushare'), so
-- that synthetic rows could not be told from real ones. Every load batch records the source its launch
-- named, so the rows of the sandbox's batches are relabelled here. A warehouse that never loaded the
-- sandbox has no such batch, and nothing is read or written.
do $$
begin
	if exists (select 1 from market.load_batches where source = 'sandbox') then
		update market.bars_1m b set source = 'sandbox'
		from market.load_batches l where l.id = b.load_batch_id and l.source = 'sandbox' and b.source <> 'sandbox';
		update market.bars_daily b set source = 'sandbox'
		from market.load_batches l where l.id = b.load_batch_id and l.source = 'sandbox' and b.source <> 'sandbox';
		update market.load_units u set source = 'sandbox'
		from market.load_batches l where l.id = u.load_batch_id and l.source = 'sandbox' and u.source <> 'sandbox';
		update market.rejected_rows r set source = 'sandbox'
		from market.load_batches l where l.id = r.load_batch_id and l.source = 'sandbox' and r.source <> 'sandbox';
	end if;
end
$$;
