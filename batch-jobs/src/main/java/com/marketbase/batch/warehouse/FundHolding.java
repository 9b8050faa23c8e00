package com.marketbase.batch.warehouse;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * One stock a fund disclosed holding at the end of a report period.
 *
 * @param fund the fund, for example {@code 000001.OF}
 * @param periodEnd the report period's last day
 * @param announced the day the report came out, from which it may be used
 * @param holding the stock, for example {@code 600000.SH}
 * @param weightPercent its market value in percent of the fund's net assets
 * @param marketValue its market value in CNY, or {@code null}
 * @param shares the shares held, or {@code null}
 */
public record FundHolding(String fund, LocalDate periodEnd, LocalDate announced, String holding,
		BigDecimal weightPercent, @Nullable BigDecimal marketValue, @Nullable BigDecimal shares) {
}
