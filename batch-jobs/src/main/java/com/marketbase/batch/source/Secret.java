package com.marketbase.batch.source;

/**
 * A credential such as an API token. It is handed to the code that must send it and to
 * nothing else: {@link #toString()} never shows it, so it cannot end up in a log line, an
 * exception message, the job repository or the console by accident.
 */
public final class Secret {

	private static final Secret NONE = new Secret("");

	private final String value;

	private Secret(String value) {
		this.value = value;
	}

	/**
	 * A secret with the given value; blank means none.
	 * @param value the value, may be {@code null}
	 * @return the secret
	 */
	public static Secret of(String value) {
		return (value == null || value.isBlank()) ? NONE : new Secret(value.strip());
	}

	public boolean isPresent() {
		return !this.value.isEmpty();
	}

	/**
	 * The value, for the one place that sends it to its source.
	 * @return the value, empty when none
	 */
	public String reveal() {
		return this.value;
	}

	/**
	 * A short one-way digest that tells two credentials apart without revealing either:
	 * the shared quota keeps a bucket per credential under it.
	 * @return 12 hex digits of the value's SHA-256, empty when none
	 */
	public String fingerprint() {
		if (!isPresent()) {
			return "";
		}
		try {
			byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
				.digest(this.value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
			return java.util.HexFormat.of().formatHex(digest, 0, 6);
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing from this Java runtime", ex);
		}
	}

	@Override
	public String toString() {
		return isPresent() ? "******" : "(none)";
	}

}
