/**
 * The Eastmoney fund connector: NAV history from {@code f10/lsjz} and the intraday
 * estimate from {@code fundgz}.
 * <p>
 * {@code lsjz} answers only with a {@code Referer} (without one: {@code ErrCode -999}),
 * caps pages at 20 rows whatever is asked, and lists newest first; the client pages by
 * {@code TotalCount}. For money-market funds ({@code SYType} "每万份收益") the NAV columns
 * carry income per 10,000 units and the 7-day annualized yield instead, so they become
 * {@link MoneyFundIncome}s rather than {@link FundNav}s. {@code fundgz} answers JSONP; an
 * empty {@code jsonpgz();} means the fund has no estimate, which is not an error. Since
 * 2026-07-20 {@code fundgz} redirects to Eastmoney's not-found page, which
 * {@link EastmoneyReplies} reports as a permanent failure rather than one to retry.
 */
package com.marketbase.batch.source.eastmoney;
