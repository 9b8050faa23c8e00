/**
 * The dataset pipeline: plan from the calendar and the listing windows, fetch, validate,
 * write, and record each unit's outcome, with coverage, gap healing and quarantine. A
 * dataset brings only its fetch, its mapping and its table.
 */
package com.marketbase.batch.support.pipeline;
