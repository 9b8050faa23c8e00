package com.marketbase.batch.support.pipeline;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import com.marketbase.batch.support.units.SymbolDay;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What a dataset brings to the pipeline: its name (that of its job and of its row in
 * {@code market.datasets}, which says what it owes), what a launch may name, its feeds,
 * its rows and its table. Everything else (plan, restartable fetches, unit outcomes, gap
 * healing, quarantine, summary, console facts) is the pipeline's.
 *
 * @param <R> the row the dataset stores
 */
public interface Dataset<R> {

	/**
	 * The dataset's name, which is also its job's name.
	 * @return for example {@code index_daily}
	 */
	String name();

	/**
	 * Where the job's settings live ({@link DatasetSettings}).
	 * @return for example {@code marketbase.jobs.index-daily}
	 */
	String propertyPrefix();

	/**
	 * What an instrument code of the dataset looks like.
	 * @return the pattern of a code in warehouse form
	 */
	Pattern codes();

	/**
	 * How codes are written, for messages.
	 * @return for example {@code index codes in Tushare form (like 000300.SH)}
	 */
	String codeExample();

	/**
	 * The sources the dataset can be read from.
	 * @return their keys
	 */
	Set<String> sources();

	/**
	 * The source for one launch.
	 * @param source the source's key, as the launch settled it
	 * @return the feed
	 */
	DatasetFeed<R> feed(String source);

	/**
	 * When a day's data is out, in Beijing time: a launch without a date loads the last
	 * open day whose data is out.
	 * @return the time of day
	 */
	LocalTime publishedAt();

	/**
	 * How many days after a day its data comes out at {@link #publishedAt()}: 0 for the
	 * Chinese markets, 1 for data dated in GMT, whose day ends the next morning in
	 * Beijing. A launch for a day not out yet is refused where this is not 0.
	 * @return the days
	 */
	default int publishedDaysLater() {
		return 0;
	}

	/**
	 * Whether a warehouse without instruments takes the listed A-shares and ETFs from the
	 * source before planning.
	 * @return true where the dataset's instruments are A-shares or ETFs
	 */
	boolean bootstrapsInstruments();

	/**
	 * An SQL condition over {@code i.symbol} and {@code c.cal_date} that holds while a
	 * complete unit's rows are still stored; a unit whose rows are gone is a hole.
	 * @return the condition
	 */
	String storedCondition();

	/**
	 * The table the rows go to, for the summary's count.
	 * @return for example {@code market.bars_daily}
	 */
	String table();

	/**
	 * What the rows are called in the summary.
	 * @return for example {@code bars}
	 */
	String rowsName();

	/**
	 * The unit (instrument and day) a row belongs to.
	 * @param row the row
	 * @return the unit
	 */
	SymbolDay unitOf(R row);

	/**
	 * Stores rows in the chunk's transaction, replacing what a unit held before.
	 * @param jdbc the warehouse
	 * @param rows the rows of the units being written
	 * @param source the source's key
	 * @param loadBatch the load batch every row names
	 */
	void store(JdbcTemplate jdbc, List<R> rows, String source, long loadBatch);

	/**
	 * Refuses codes of another asset class than the dataset's with a sentence that says
	 * which job loads them, or nothing.
	 * @return the sentence's end, for example {@code daily loads stocks, index_daily
	 * indexes and etf_daily ETFs}
	 */
	String otherClassesHint();

	/**
	 * Whether an incremental run follows the feed's announcements
	 * ({@link DatasetFeed#announcements(List)}): besides what is missing, it loads again
	 * every unit announced since its last complete load, looking up to today, and each
	 * day's run is a job instance of its own, since its window stays the same for months.
	 * @return false for datasets without announcements
	 */
	default boolean followsAnnouncements() {
		return false;
	}

	/**
	 * Work a run ends with once its chunks are written, outside their transactions (a
	 * continuous aggregate refreshes only there), before the summary is made; it runs
	 * whether the run completed or not, so what was written is never left behind.
	 * @param jdbc the warehouse
	 * @param loadBatch the run's load batch
	 * @return a clause for the summary, or {@code null} for none (the default, which does
	 * nothing)
	 */
	default @Nullable String afterRun(JdbcTemplate jdbc, long loadBatch) {
		return null;
	}

	/**
	 * What the dataset adds to a run's summary besides the units and rows, for figures
	 * only it knows.
	 * @param jdbc the warehouse
	 * @param loadBatch the run's load batch
	 * @return a clause for the summary, or {@code null} for none (the default)
	 */
	default @Nullable String summaryNote(JdbcTemplate jdbc, long loadBatch) {
		return null;
	}

	/**
	 * Whether a unit holds many rows (tick trades) rather than one: a feed's rows for a
	 * unit are then all stored, and its {@code rows_loaded} counts them.
	 * @return false by default: a unit's last row sent is its row
	 */
	default boolean rowsPerUnit() {
		return false;
	}

	/**
	 * How many open days a launch without dates loads, ending on the last day whose data
	 * is out.
	 * @return 1 (that day alone) unless a dataset keeps a window of recent days
	 */
	default int defaultOpenDays() {
		return 1;
	}

	/**
	 * Where a full run without dates starts: the dataset's history, up to its last day
	 * out.
	 * @return the first day, or {@code null} where such a run loads the last day only
	 */
	default @Nullable LocalDate historyStart() {
		return null;
	}

}
