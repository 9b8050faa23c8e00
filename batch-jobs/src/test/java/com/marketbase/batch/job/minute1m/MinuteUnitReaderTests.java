package com.marketbase.batch.job.minute1m;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.marketbase.batch.warehouse.Bar;
import com.marketbase.batch.support.rows.Fetched;
import com.marketbase.batch.source.ReferenceFeed;
import com.marketbase.batch.source.SourceName;
import com.marketbase.batch.source.TransientSourceException;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.test.MetaDataInstanceFactory;

import static org.assertj.core.api.Assertions.assertThat;

class MinuteUnitReaderTests {

	private static final List<LocalDate> DAY = List.of(LocalDate.of(2026, 11, 20));

	private static final List<MinuteUnit> UNITS = MinuteUnit.plan(List.of("A.SH", "B.SH", "C.SH", "D.SH"), DAY, 1);

	@Test
	void plansAroundLeftOutDaysWithoutFetchingThem() {
		List<LocalDate> days = List.of(LocalDate.of(2026, 11, 16), LocalDate.of(2026, 11, 17),
				LocalDate.of(2026, 11, 18), LocalDate.of(2026, 11, 19), LocalDate.of(2026, 11, 20));

		List<MinuteUnit> units = MinuteUnit.plan(List.of("A.SH", "B.SH"), days, 2, Set.of("A.SH/2026-11-18"));

		assertThat(units).map(MinuteUnit::toString)
			.containsExactly("A.SH/2026-11-16..2026-11-17", "A.SH/2026-11-19..2026-11-20",
					"B.SH/2026-11-16..2026-11-17", "B.SH/2026-11-18..2026-11-19", "B.SH/2026-11-20");
	}

	@Test
	void resumesAfterTheLastCommittedUnit() {
		ExecutionContext context = new ExecutionContext();
		Feed feed = new Feed(Set.of());
		MinuteUnitReader first = reader(feed);
		first.open(context);
		first.read();
		first.update(context);
		first.read();

		MinuteUnitReader restarted = reader(feed);
		restarted.open(context);

		assertThat(restarted.read().unit().symbol()).isEqualTo("B.SH");
	}

	@Test
	void endsFailedWithItsFailedUnitsAndRetriesThemFirst() {
		ExecutionContext context = new ExecutionContext();
		MinuteUnitReader first = reader(new Feed(Set.of("B.SH", "D.SH")));
		readAll(first, context);

		StepExecution step = step(context, BatchStatus.COMPLETED);
		assertThat(first.afterStep(step).getExitDescription()).startsWith("2 work unit(s) could not be read: B.SH/");
		assertThat(step.getStatus()).isEqualTo(BatchStatus.FAILED);

		Feed healed = new Feed(Set.of());
		readAll(reader(healed), context);
		assertThat(healed.fetched).containsExactly("B.SH", "D.SH");
	}

	@Test
	void keepsUnreachedRetriesDueWhenStoppedWhileRetrying() {
		ExecutionContext context = new ExecutionContext();
		readAll(reader(new Feed(Set.of("A.SH", "B.SH", "C.SH"))), context);
		reader(new Feed(Set.of())).afterStep(step(context, BatchStatus.COMPLETED));

		// The restart retries A (fails again) and commits, then the step is stopped.
		MinuteUnitReader retrying = reader(new Feed(Set.of("A.SH")));
		retrying.open(context);
		retrying.read();
		retrying.update(context);
		retrying.afterStep(step(context, BatchStatus.STOPPED));

		Feed next = new Feed(Set.of());
		readAll(reader(next), context);
		assertThat(next.fetched).containsExactly("A.SH", "B.SH", "C.SH");
	}

	private static void readAll(MinuteUnitReader reader, ExecutionContext context) {
		reader.open(context);
		while (reader.read() != null) {
			reader.update(context);
		}
		reader.update(context);
	}

	private static MinuteUnitReader reader(Feed feed) {
		return new MinuteUnitReader(UNITS, feed);
	}

	private static StepExecution step(ExecutionContext context, BatchStatus status) {
		StepExecution step = MetaDataInstanceFactory.createStepExecution(context);
		step.setStatus(status);
		return step;
	}

	/** A source that fails some symbols for now and records what it was asked. */
	private static final class Feed implements MinuteBarFeed {

		private final Set<String> failing;

		private final List<String> fetched = new ArrayList<>();

		Feed(Set<String> failing) {
			this.failing = failing;
		}

		@Override
		public SourceName source() {
			return SourceName.TUSHARE;
		}

		@Override
		public int daysPerUnit() {
			return 1;
		}

		@Override
		public Fetched<Bar> bars(MinuteUnit unit) {
			this.fetched.add(unit.symbol());
			if (this.failing.contains(unit.symbol())) {
				throw new TransientSourceException(SourceName.TUSHARE, "stk_mins", "HTTP 502", null);
			}
			return Fetched.none();
		}

		@Override
		public ReferenceFeed reference() {
			throw new UnsupportedOperationException("no reference data in this test");
		}

	}

}
