package com.marketbase.batch.source.eastmoney;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * The official NAV of a fund on one day.
 *
 * @param code the six-digit fund code
 * @param date the NAV date
 * @param unitNav the NAV per unit in CNY
 * @param accumulatedNav the accumulated NAV per unit in CNY (dividends added back)
 * @param changePercent the change against the previous NAV in percent, or {@code null}
 * when not given
 * @param dealing the day's subscription and redemption status and distribution
 */
public record FundNav(String code, LocalDate date, BigDecimal unitNav, BigDecimal accumulatedNav,
		BigDecimal changePercent, FundDealing dealing) implements FundDay {
}
