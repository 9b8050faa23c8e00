/**
 * Coverage and freshness of the datasets: per dataset and day what was owed and what
 * {@code market.load_units} holds, whether each dataset's last expected trading day is
 * complete, and the same as metrics. Every figure comes from the warehouse function
 * {@code market.coverage}, which the console asks as well.
 */
package com.marketbase.batch.coverage;
