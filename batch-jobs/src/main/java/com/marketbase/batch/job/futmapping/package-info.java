/**
 * The job {@code fut_mapping}: which contract each futures main-contract code (IF.CFX,
 * CU.SHF) stood for on each day, into {@code market.futures_mapping}, from Tushare Pro
 * (or the sandbox) on the dataset pipeline.
 */
package com.marketbase.batch.job.futmapping;
