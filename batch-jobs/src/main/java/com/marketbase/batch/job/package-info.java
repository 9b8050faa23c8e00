/**
 * The jobs, one package each; what they share (launch parameters, progress) lives here.
 */
package com.marketbase.batch.job;
