package com.marketbase.batch.source.tushare;

import java.time.LocalDate;

/**
 * One release on Tushare's economic calendar ({@code eco_cal}).
 *
 * @param date the day of the release
 * @param country the country as the calendar names it, for example 中国
 * @param event the event, for example 中国10月CPI年率
 */
public record EconomicEvent(LocalDate date, String country, String event) {
}
