package com.marketbase.batch.source.eastmoney;

import java.math.BigDecimal;

import org.jspecify.annotations.Nullable;

/**
 * What a fund's NAV row says besides the value: whether it takes subscriptions and
 * redemptions that day, and the dividend or split it paid.
 *
 * @param subscription the subscription status as the source words it (开放申购, 暂停申购, 限大额,
 * ...), or {@code null}
 * @param redemption the redemption status (开放赎回, 暂停赎回, ...), or {@code null}
 * @param distribution the dividend or split note (for example 每份派现金0.0100元, or a split
 * ratio), or {@code null} on a day without one
 * @param dividendPerUnit the cash dividend per unit in CNY, or {@code null}
 */
public record FundDealing(@Nullable String subscription, @Nullable String redemption, @Nullable String distribution,
		@Nullable BigDecimal dividendPerUnit) {

	/** A day on which the source said nothing of the kind. */
	public static final FundDealing NONE = new FundDealing(null, null, null, null);

}
