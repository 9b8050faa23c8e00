package com.marketbase.batch.rollout;

/**
 * A launch of a dataset whose batch switch or governing module switch is off. It is an
 * {@link IllegalArgumentException} because every launch path already treats that as the
 * launch refusing to run: the command line refuses with the message, the console answers
 * 400, the chain skips the module with the message. The schedule tells it apart to log a
 * skip instead of a refusal.
 */
public class SwitchedOffException extends IllegalArgumentException {

	private final String dataset;

	private final String switchName;

	SwitchedOffException(String dataset, String switchName) {
		super(dataset + " is switched off: " + switchName + "=false (set it with: flags set " + switchName
				+ "=true --reason …)");
		this.dataset = dataset;
		this.switchName = switchName;
	}

	public String dataset() {
		return this.dataset;
	}

	/**
	 * The switch that is off.
	 * @return for example {@code p1Enabled}
	 */
	public String switchName() {
		return this.switchName;
	}

}
