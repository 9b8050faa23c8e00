package com.marketbase.batch.source.eastmoney;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * What Eastmoney's batch endpoint ({@code FundValuationLast}) says of one fund: its
 * latest official NAV and, where Eastmoney still makes one, an intraday estimate. Many
 * actively managed funds come back without an estimate.
 *
 * @param code the six-digit fund code
 * @param name the short name
 * @param nav the latest official NAV, or {@code null} when not given
 * @param navDate that NAV's day, or {@code null}
 * @param estimate the estimated NAV, or {@code null} when Eastmoney has none
 * @param estimateChangePercent the estimated change in percent, or {@code null}
 * @param estimatedAt when the estimate was made, or {@code null}
 */
public record FundValuation(String code, String name, @Nullable BigDecimal nav, @Nullable LocalDate navDate,
		@Nullable BigDecimal estimate, @Nullable BigDecimal estimateChangePercent, @Nullable Instant estimatedAt) {

	/**
	 * Whether the answer carries an estimate.
	 * @return true when estimate, change and time are all given
	 */
	public boolean hasEstimate() {
		return this.estimate != null && this.estimateChangePercent != null && this.estimatedAt != null;
	}

}
