package com.marketbase.batch.warehouse;

import java.math.BigDecimal;

/**
 * The sanity rules every bar must pass, whatever its source.
 */
final class Prices {

	private Prices() {
	}

	static String implausibility(BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal close, long volume,
			BigDecimal amount) {
		if (low.signum() <= 0) {
			return "low " + low.toPlainString() + " is not positive";
		}
		if (high.compareTo(low) < 0) {
			return "high " + high.toPlainString() + " is below low " + low.toPlainString();
		}
		if (open.compareTo(low) < 0 || open.compareTo(high) > 0) {
			return "open " + open.toPlainString() + " is outside low..high";
		}
		if (close.compareTo(low) < 0 || close.compareTo(high) > 0) {
			return "close " + close.toPlainString() + " is outside low..high";
		}
		if (volume < 0) {
			return "volume " + volume + " is negative";
		}
		if (amount.signum() < 0) {
			return "amount " + amount.toPlainString() + " is negative";
		}
		return null;
	}

}
