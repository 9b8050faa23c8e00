package com.marketbase.batch.source.eastmoney;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * What a money-market fund reports for one day instead of a NAV.
 *
 * @param code the six-digit fund code
 * @param date the day
 * @param incomePer10k income per 10,000 units in CNY (每万份收益)
 * @param sevenDayYieldPercent the 7-day annualized yield in percent
 * @param dealing the day's subscription and redemption status and distribution
 */
public record MoneyFundIncome(String code, LocalDate date, BigDecimal incomePer10k, BigDecimal sevenDayYieldPercent,
		FundDealing dealing) implements FundDay {
}
