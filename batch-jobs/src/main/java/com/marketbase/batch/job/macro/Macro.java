package com.marketbase.batch.job.macro;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import com.marketbase.batch.source.SourceName;
import com.marketbase.batch.source.Units;
import com.marketbase.batch.source.SourceResolver;
import com.marketbase.batch.support.pipeline.Dataset;
import com.marketbase.batch.support.pipeline.DatasetFeed;
import com.marketbase.batch.support.units.SymbolDay;
import com.marketbase.batch.warehouse.MacroMonth;
import com.marketbase.batch.warehouse.MacroObservation;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code macro} on the pipeline: each series owes one unit per month of the computed
 * {@code MONTH} calendar from its first period (GDP only at a quarter's end), due 25 days
 * after the month, when every series' figure of it is out. A figure is stored once per
 * value: a reload that finds the same figures adds nothing, one that finds others adds a
 * version known from the day of that load, since the source keeps no vintages.
 *
 * @param resolver the source resolver
 * @param rules how available days are found
 */
record Macro(SourceResolver resolver, MacroRules rules) implements Dataset<MacroMonth> {

	private static final Set<String> READS = Set.of(SourceName.TUSHARE.key(), SourceName.SANDBOX.key());

	private static final Pattern SERIES = Pattern.compile("cn_gdp|cn_cpi|cn_ppi|cn_m|shibor|shibor_lpr|us_tycr");

	/**
	 * Inserts a figure unless the latest version of its period holds the same; a period
	 * that has a version already gets one known from today.
	 */
	private static final String INSERT = """
			insert into market.macro_values (series, period_date, period, available_date, available_from, figures,
				source, load_batch_id)
			select ?, ?, ?,
				case when exists (select 1 from market.macro_values o where o.series = ? and o.period_date = ?)
					then greatest(?, ?) else ? end,
				case when exists (select 1 from market.macro_values o where o.series = ? and o.period_date = ?)
					then 'revision' else ? end,
				cast(? as jsonb), ?, ?
			where not exists (select 1 from (select l.figures from market.macro_values l
					where l.series = ? and l.period_date = ? order by l.available_date desc limit 1) latest
				where latest.figures = cast(? as jsonb))
			on conflict (series, period_date, available_date) do update set figures = excluded.figures,
				source = excluded.source, load_batch_id = excluded.load_batch_id, loaded_at = now()
			""";

	@Override
	public String name() {
		return "macro";
	}

	@Override
	public String propertyPrefix() {
		return "marketbase.jobs.macro";
	}

	@Override
	public Pattern codes() {
		return SERIES;
	}

	@Override
	public String codeExample() {
		return "series names (cn_gdp, cn_cpi, cn_ppi, cn_m, shibor, shibor_lpr, us_tycr)";
	}

	@Override
	public Set<String> sources() {
		return READS;
	}

	@Override
	public DatasetFeed<MacroMonth> feed(String source) {
		return new TushareMacroFeed(this.resolver.tushare(SourceName.parse(source)), this.rules);
	}

	@Override
	public LocalTime publishedAt() {
		return LocalTime.of(12, 0);
	}

	@Override
	public int publishedDaysLater() {
		return 25;
	}

	@Override
	public boolean bootstrapsInstruments() {
		return false;
	}

	@Override
	public String storedCondition() {
		return "exists (select 1 from market.macro_values v where v.series = i.symbol "
				+ "and v.period_date between date_trunc('month', c.cal_date)::date and c.cal_date)";
	}

	@Override
	public String table() {
		return "market.macro_values";
	}

	@Override
	public String rowsName() {
		return "figures";
	}

	@Override
	public String otherClassesHint() {
		return "macro loads macro series only (market.instruments of class macro)";
	}

	@Override
	public SymbolDay unitOf(MacroMonth row) {
		return new SymbolDay(row.series(), row.monthEnd());
	}

	@Override
	public void store(JdbcTemplate jdbc, List<MacroMonth> rows, String source, long loadBatch) {
		LocalDate today = LocalDate.now(Units.BEIJING);
		List<MacroObservation> figures = new ArrayList<>();
		rows.forEach((month) -> figures.addAll(month.figures()));
		jdbc.batchUpdate(INSERT, figures, 500, (ps, figure) -> {
			int at = 1;
			ps.setString(at++, figure.series());
			ps.setObject(at++, figure.periodDate());
			ps.setString(at++, figure.period());
			ps.setString(at++, figure.series());
			ps.setObject(at++, figure.periodDate());
			ps.setObject(at++, today);
			ps.setObject(at++, figure.availableDate());
			ps.setObject(at++, figure.availableDate());
			ps.setString(at++, figure.series());
			ps.setObject(at++, figure.periodDate());
			ps.setString(at++, figure.availableFrom());
			ps.setString(at++, figure.figures());
			ps.setString(at++, source);
			ps.setLong(at++, loadBatch);
			ps.setString(at++, figure.series());
			ps.setObject(at++, figure.periodDate());
			ps.setString(at, figure.figures());
		});
	}

}
