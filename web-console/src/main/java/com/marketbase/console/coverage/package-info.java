/**
 * Coverage of the datasets as a dataset × day matrix, with the instruments behind a
 * partial or missing day; both read the warehouse functions {@code market.coverage} and
 * {@code market.coverage_gaps}, which the command line reads too.
 */
package com.marketbase.console.coverage;
