package com.marketbase.console.rollout;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The rollout switches, offered to the console by the application, which keeps and
 * enforces them.
 */
public interface RolloutFacts {

	/**
	 * Every switch, batch switches first.
	 * @return the switches
	 */
	List<Switch> switches();

	/**
	 * The newest changes, newest first.
	 * @param limit how many at most
	 * @return the changes
	 */
	List<Change> changes(int limit);

	/**
	 * The latest probe of every endpoint ever probed.
	 * @return the probes, by source and endpoint
	 */
	List<Probe> probes();

	/**
	 * Sets a switch, with its entry in the trail.
	 * @param name the switch
	 * @param value the new value
	 * @param by who sets it
	 * @param reason why
	 * @return the new entry of the trail, or {@code null} when the switch had the value
	 * already
	 * @throws Refused with one line when the change is not allowed
	 */
	@Nullable Change set(String name, boolean value, String by, String reason);

	/**
	 * One switch.
	 *
	 * @param name the roadmap's name
	 * @param kind {@code batch} or {@code module}
	 * @param batch its batch
	 * @param value the stored value
	 * @param effective whether it is on in effect
	 * @param requiresProbe the endpoint whose passed probe it needs to be turned on, or
	 * {@code null}
	 * @param description what it governs
	 * @param updatedAt when it was last set
	 * @param updatedAtMs the same in epoch milliseconds
	 * @param updatedBy who set it
	 * @param reason why
	 */
	record Switch(String name, String kind, String batch, boolean value, boolean effective,
			@Nullable String requiresProbe, String description, Instant updatedAt, long updatedAtMs, String updatedBy,
			String reason) {
	}

	/**
	 * One change.
	 *
	 * @param id its place in the trail
	 * @param name the switch
	 * @param oldValue the value before, {@code null} for the first value
	 * @param newValue the value after
	 * @param changedBy who
	 * @param changedAtMs when, in epoch milliseconds
	 * @param changedAt when
	 * @param reason why
	 */
	record Change(long id, String name, @Nullable Boolean oldValue, boolean newValue, String changedBy,
			long changedAtMs, Instant changedAt, String reason) {
	}

	/**
	 * The latest probe of one endpoint.
	 *
	 * @param source the source
	 * @param endpoint the endpoint
	 * @param request what was sent
	 * @param granted whether it answered with data
	 * @param message what the source said
	 * @param probedAt when
	 */
	record Probe(String source, String endpoint, String request, boolean granted, String message, Instant probedAt) {
	}

	/**
	 * A change the application refused.
	 */
	class Refused extends RuntimeException {

		private final Reason reason;

		public Refused(Reason reason, String message) {
			super(message);
			this.reason = reason;
		}

		public Reason reason() {
			return this.reason;
		}

	}

	/** Why a change was refused. */
	enum Reason {

		/** No switch has the name. */
		UNKNOWN_SWITCH,
		/** The reason or the name of who changes it is missing or too long. */
		INVALID_INPUT,
		/** The switch needs a passed probe first. */
		NEEDS_PROBE

	}

}
