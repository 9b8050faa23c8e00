package com.marketbase.batch.rollout;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One switch as stored, with the value it has in effect.
 *
 * @param name the roadmap's name, for example {@code p1Enabled}
 * @param kind {@code batch} or {@code module}
 * @param batch the batch it switches, or the batch a module belongs to
 * @param value the stored value
 * @param effective whether it is on in effect: a module switch counts only while its
 * batch switch is on
 * @param requiresProbe the endpoint, as {@code source:endpoint}, whose probe must have
 * passed before it may be turned on, or {@code null}
 * @param description what it governs
 * @param updatedAt when it was last set
 * @param updatedAtMs the same moment in epoch milliseconds, the roadmap's
 * {@code updatedAt}
 * @param updatedBy who set it
 * @param reason why
 */
public record RolloutSwitch(String name, String kind, String batch, boolean value, boolean effective,
		@Nullable String requiresProbe, String description, Instant updatedAt, long updatedAtMs, String updatedBy,
		String reason) {

	/**
	 * Whether this switches a whole batch.
	 * @return true for {@code p0Enabled}, {@code p1Enabled} and {@code p2Enabled}
	 */
	public boolean batchSwitch() {
		return "batch".equals(this.kind);
	}

}
