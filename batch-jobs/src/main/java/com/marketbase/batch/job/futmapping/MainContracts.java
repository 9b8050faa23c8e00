package com.marketbase.batch.job.futmapping;

import java.time.LocalTime;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import com.marketbase.batch.source.SourceName;
import com.marketbase.batch.source.SourceResolver;
import com.marketbase.batch.support.pipeline.Dataset;
import com.marketbase.batch.support.pipeline.DatasetFeed;
import com.marketbase.batch.support.units.SymbolDay;
import com.marketbase.batch.warehouse.MainContractDay;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code fut_mapping} on the pipeline: a main-contract code owes its contract on every
 * open day its product trades. The mapping of day d is what the exchange's main contract
 * was on d, published with that day's bars.
 *
 * @param resolver the source resolver
 */
record MainContracts(SourceResolver resolver) implements Dataset<MainContractDay> {

	private static final Set<String> READS = Set.of(SourceName.TUSHARE.key(), SourceName.SANDBOX.key());

	private static final Pattern CODES = Pattern.compile("[A-Z]{1,2}\\.(CFX|SHF|DCE|ZCE|INE|GFE)");

	@Override
	public String name() {
		return "fut_mapping";
	}

	@Override
	public String propertyPrefix() {
		return "marketbase.jobs.fut-mapping";
	}

	@Override
	public Pattern codes() {
		return CODES;
	}

	@Override
	public String codeExample() {
		return "main-contract codes in Tushare form (like IF.CFX, RB.SHF)";
	}

	@Override
	public Set<String> sources() {
		return READS;
	}

	@Override
	public DatasetFeed<MainContractDay> feed(String source) {
		SourceName name = SourceName.parse(source);
		return new TushareMappingFeed(this.resolver.tushare(name), this.resolver.reference(name));
	}

	@Override
	public LocalTime publishedAt() {
		return LocalTime.of(17, 0);
	}

	@Override
	public boolean bootstrapsInstruments() {
		return false;
	}

	@Override
	public String storedCondition() {
		return "exists (select 1 from market.futures_mapping m where m.main_symbol = i.symbol and m.trade_date = c.cal_date)";
	}

	@Override
	public String table() {
		return "market.futures_mapping";
	}

	@Override
	public String rowsName() {
		return "mappings";
	}

	@Override
	public String otherClassesHint() {
		return "fut_mapping loads main-contract codes (like IF.CFX) and fut_daily the contracts";
	}

	@Override
	public SymbolDay unitOf(MainContractDay row) {
		return new SymbolDay(row.mainSymbol(), row.tradeDate());
	}

	@Override
	public void store(JdbcTemplate jdbc, List<MainContractDay> rows, String source, long loadBatch) {
		jdbc.batchUpdate("""
				insert into market.futures_mapping (main_symbol, trade_date, contract, source, load_batch_id)
				values (?, ?, ?, ?, ?)
				on conflict (main_symbol, trade_date) do update set contract = excluded.contract,
					source = excluded.source, load_batch_id = excluded.load_batch_id, loaded_at = now()
				""", rows, 500, (ps, row) -> {
			ps.setString(1, row.mainSymbol());
			ps.setObject(2, row.tradeDate());
			ps.setString(3, row.contract());
			ps.setString(4, source);
			ps.setLong(5, loadBatch);
		});
	}

}
