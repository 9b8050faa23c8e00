/**
 * The job {@code moneyflow}: each listed stock's daily money flow by order size (small,
 * medium, large, extra large; bought and sold) and its net inflow into
 * {@code market.stock_moneyflow}, from Tushare Pro (or the sandbox) on the dataset
 * pipeline, behind the module switch {@code universeMoneyflowEnabled}.
 */
package com.marketbase.batch.job.moneyflow;
