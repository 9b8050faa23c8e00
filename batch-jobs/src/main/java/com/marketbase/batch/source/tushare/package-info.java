/**
 * The Tushare Pro connector: {@code POST} of {@code {api_name, token, params, fields}} to
 * one URL, answers as {@code data.fields} plus {@code data.items}, mapped by column name
 * because the server's column order differs from its documentation.
 * <p>
 * Every endpoint silently truncates answers at a per-call row cap. The client therefore
 * treats an answer of cap rows as possibly cut: a date window is split in halves and read
 * again, a single day is paged with {@code limit}/{@code offset}; nothing is truncated
 * silently. Code 40203 means both "no permission" and "rate limited"; the message text
 * tells which ("最多访问", "频率超限" = rate limited).
 * <p>
 * Units: {@code daily}, {@code index_daily} and {@code fund_daily} give volumes in lots
 * and amounts in thousand CNY; {@code stk_mins} gives shares and CNY.
 */
package com.marketbase.batch.source.tushare;
