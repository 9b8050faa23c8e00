package com.marketbase.batch.source.eastmoney;

import java.time.LocalDate;

/**
 * What a fund reports for one day: a NAV, or for money-market funds an income.
 */
public sealed interface FundDay permits FundNav, MoneyFundIncome {

	String code();

	LocalDate date();

	FundDealing dealing();

}
