package com.marketbase.console.job;

import org.jspecify.annotations.Nullable;

/**
 * A launch refused before anything ran, naming the parameter at fault where there is one.
 */
public class InvalidLaunchException extends RuntimeException {

	private final @Nullable String field;

	public InvalidLaunchException(@Nullable String field, String reason) {
		super(reason);
		this.field = field;
	}

	/**
	 * The parameter at fault.
	 * @return its name, or {@code null} when the parameters conflict as a whole
	 */
	public @Nullable String field() {
		return this.field;
	}

}
