/**
 * What a source call delivered: the rows accepted and the rows rejected with their
 * reasons, and the store that keeps rejected rows in {@code market.rejected_rows}, so
 * that no row is lost silently.
 */
package com.marketbase.batch.support.rows;
