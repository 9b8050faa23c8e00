/**
 * The scheduler of {@code batch.jar serve}: launches jobs from configuration on the open
 * days of the trading calendar, passing the trading day as {@code trade_date}, catches up
 * the days missed while the server was down, and never loads a day twice, even with
 * several servers.
 */
package com.marketbase.batch.schedule;
