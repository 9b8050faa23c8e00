package com.marketbase.batch.source.eastmoney;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Eastmoney's intraday estimate of a fund's NAV.
 *
 * @param code the six-digit fund code
 * @param name the fund's name
 * @param navDate the date of the last official NAV
 * @param nav that NAV
 * @param estimate the estimated NAV now
 * @param estimateChangePercent the estimated change in percent
 * @param estimatedAt when the estimate was made
 */
public record FundEstimate(String code, String name, LocalDate navDate, BigDecimal nav, BigDecimal estimate,
		BigDecimal estimateChangePercent, Instant estimatedAt) {
}
