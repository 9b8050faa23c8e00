package com.marketbase.console.funds;

/**
 * A fund code the warehouse does not know as an open-end fund.
 */
public class UnknownFundException extends RuntimeException {

	public UnknownFundException(String message) {
		super(message);
	}

}
