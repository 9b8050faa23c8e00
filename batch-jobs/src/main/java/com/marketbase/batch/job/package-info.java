/**
 * The jobs, one package each. A job never imports another; what they share lives in
 * {@code support}, and their sources come through {@code source.SourceResolver}.
 */
package com.marketbase.batch.job;
