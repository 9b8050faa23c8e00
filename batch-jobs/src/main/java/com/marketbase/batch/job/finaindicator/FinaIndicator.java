package com.marketbase.batch.job.finaindicator;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.marketbase.batch.source.SourceName;
import com.marketbase.batch.source.SourceResolver;
import com.marketbase.batch.support.pipeline.Dataset;
import com.marketbase.batch.support.pipeline.DatasetFeed;
import com.marketbase.batch.support.units.SymbolDay;
import com.marketbase.batch.warehouse.FinancialPeriod;
import com.marketbase.batch.warehouse.FinancialReport;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code fina_indicator} on the pipeline: a listed stock owes every report period that
 * ends while it is listed, on the quarter calendar. A period counts as due 122 days after
 * it ends, when even an annual report must be out (four months after the year, a leap
 * year's too); an incremental run looks further, at every ended period, but fetches only
 * what the disclosure calendar says came out since the unit's last complete load.
 *
 * @param resolver the source resolver
 * @param historyStart where a full run without dates starts
 */
record FinaIndicator(SourceResolver resolver, LocalDate historyStart) implements Dataset<FinancialPeriod> {

	private static final Set<String> READS = Set.of(SourceName.TUSHARE.key(), SourceName.SANDBOX.key());

	private static final Pattern CODES = Pattern.compile("\\d{6}\\.(SH|SZ|BJ)");

	/** Days after a period's end when it is due. */
	static final int DUE_DAYS = 122;

	private static final String INSERT = "insert into market.financial_indicators (symbol, period_end, announced, "
			+ "update_flag, " + String.join(", ", FinancialReport.TYPED)
			+ ", others, quality_note, source, load_batch_id) values (?, ?, ?, ?, "
			+ FinancialReport.TYPED.stream().map((column) -> "?").collect(Collectors.joining(", "))
			+ ", cast(? as jsonb), ?, ?, ?) on conflict (symbol, period_end, announced, update_flag) do update set "
			+ FinancialReport.TYPED.stream()
				.map((column) -> column + " = excluded." + column)
				.collect(Collectors.joining(", "))
			+ ", others = excluded.others, quality_note = excluded.quality_note, source = excluded.source, "
			+ "load_batch_id = excluded.load_batch_id, loaded_at = now()";

	@Override
	public String name() {
		return "fina_indicator";
	}

	@Override
	public String propertyPrefix() {
		return "marketbase.jobs.fina-indicator";
	}

	@Override
	public Pattern codes() {
		return CODES;
	}

	@Override
	public String codeExample() {
		return "stock codes in Tushare form (like 600000.SH, 000001.SZ)";
	}

	@Override
	public Set<String> sources() {
		return READS;
	}

	@Override
	public DatasetFeed<FinancialPeriod> feed(String source) {
		SourceName name = SourceName.parse(source);
		return new TushareFinaIndicatorFeed(this.resolver.tushare(name), this.resolver.reference(name));
	}

	@Override
	public LocalTime publishedAt() {
		return LocalTime.of(20, 0);
	}

	@Override
	public boolean bootstrapsInstruments() {
		return true;
	}

	@Override
	public String storedCondition() {
		return "exists (select 1 from market.financial_indicators f where f.symbol = i.symbol "
				+ "and f.period_end = c.cal_date)";
	}

	@Override
	public String table() {
		return "market.financial_indicators";
	}

	@Override
	public String rowsName() {
		return "report versions";
	}

	@Override
	public String otherClassesHint() {
		return "fina_indicator loads stocks' reports; ETFs and indexes have none";
	}

	@Override
	public SymbolDay unitOf(FinancialPeriod row) {
		return new SymbolDay(row.symbol(), row.periodEnd());
	}

	@Override
	public boolean followsAnnouncements() {
		return true;
	}

	@Override
	public int publishedDaysLater() {
		return DUE_DAYS;
	}

	@Override
	public void store(JdbcTemplate jdbc, List<FinancialPeriod> rows, String source, long loadBatch) {
		List<FinancialReport> versions = new ArrayList<>();
		rows.forEach((period) -> versions.addAll(period.versions()));
		jdbc.batchUpdate(INSERT, versions, 500, (ps, version) -> {
			int at = 1;
			ps.setString(at++, version.symbol());
			ps.setObject(at++, version.periodEnd());
			ps.setObject(at++, version.announced());
			ps.setString(at++, version.updateFlag());
			for (String column : FinancialReport.TYPED) {
				BigDecimal value = version.indicators().get(column);
				ps.setBigDecimal(at++, value);
			}
			ps.setString(at++, version.others());
			ps.setString(at++, version.qualityNote());
			ps.setString(at++, source);
			ps.setLong(at, loadBatch);
		});
	}

}
