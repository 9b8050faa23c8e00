package com.marketbase.batch.funds;

import java.time.Duration;
import java.util.function.Supplier;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import org.jspecify.annotations.Nullable;

import com.marketbase.batch.source.SourceName;
import com.marketbase.batch.source.SourceResolver;
import com.marketbase.batch.source.eastmoney.EastmoneyClient;
import com.marketbase.batch.source.tushare.TushareClient;

/**
 * The sources the fund queue reads, and the pace it reads them at: every call of this
 * process waits for a token of a local bucket that refills one call per
 * {@code marketbase.funds.call-delay}, on top of each endpoint's shared quota (which the
 * clients take themselves), so that a queue full of due funds still trickles rather than
 * bursts.
 */
final class FundSources {

	private final SourceResolver resolver;

	private final SourceName source;

	private final @Nullable Bucket pace;

	FundSources(SourceResolver resolver, FundsProperties properties) {
		this.resolver = resolver;
		String configured = properties.source();
		// Unset, it follows the warehouse's default source: the sandbox where that is the
		// sandbox (demo mode, or said so), Eastmoney otherwise.
		this.source = (configured != null && !configured.isBlank()) ? SourceName.parse(configured)
				: ((resolver.defaultSource(null) == SourceName.SANDBOX) ? SourceName.SANDBOX : SourceName.EASTMONEY);
		if (this.source != SourceName.SANDBOX && this.source != SourceName.EASTMONEY) {
			throw new IllegalArgumentException(
					"marketbase.funds.source is eastmoney or sandbox, not " + this.source.key());
		}
		Duration delay = properties.callDelay();
		this.pace = (delay.isZero() || delay.isNegative()) ? null
				: Bucket.builder().addLimit(Bandwidth.builder().capacity(1).refillIntervally(1, delay).build()).build();
	}

	/**
	 * The source estimates are read from.
	 * @return Eastmoney or the sandbox
	 */
	SourceName source() {
		return this.source;
	}

	/**
	 * Where holdings come from, for the records.
	 * @return {@code tushare} or {@code sandbox}
	 */
	String holdingsSource() {
		return (this.source == SourceName.SANDBOX) ? SourceName.SANDBOX.key() : SourceName.TUSHARE.key();
	}

	EastmoneyClient estimates() {
		return this.resolver.eastmoney(this.source);
	}

	/**
	 * The client for disclosed holdings.
	 * @return the client
	 * @throws IllegalArgumentException with one line when Tushare Pro is not configured
	 */
	TushareClient holdings() {
		return this.resolver.tushare((this.source == SourceName.SANDBOX) ? SourceName.SANDBOX : SourceName.TUSHARE);
	}

	/**
	 * Makes one paced call.
	 * @param <T> what it returns
	 * @param call the call
	 * @return its answer
	 * @throws InterruptedException when interrupted while waiting for the pace
	 */
	<T> T paced(Supplier<T> call) throws InterruptedException {
		if (this.pace != null) {
			this.pace.asBlocking().consume(1);
		}
		return call.get();
	}

}
