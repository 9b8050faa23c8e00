package com.marketbase.batch.job.indexminute;

import com.marketbase.batch.warehouse.Bar;

/**
 * One 1-minute bar of an index, with how many bars its day came with, so that a unit can
 * be judged from any of its rows.
 *
 * @param bar the bar, labelled by the minute it ends
 * @param barsOfDay the session bars the source sent for the bar's day
 */
record IndexMinute(Bar bar, int barsOfDay) {
}
