/**
 * The job {@code fund_nav}: daily NAVs of open-end funds (and money-market funds' income
 * and 7-day yield) from Eastmoney's {@code lsjz} into {@code market.fund_nav}, on the
 * dataset pipeline, scoring the day's intraday estimates against the NAV as it lands.
 */
package com.marketbase.batch.job.fundnav;
