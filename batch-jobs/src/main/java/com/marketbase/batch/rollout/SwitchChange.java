package com.marketbase.batch.rollout;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One entry of the switches' trail.
 *
 * @param id the entry, in the order of the changes
 * @param name the switch
 * @param oldValue the value before, or {@code null} for the value it was created with
 * @param newValue the value after
 * @param changedBy who changed it
 * @param changedAtMs when, in epoch milliseconds
 * @param changedAt when
 * @param reason why
 */
public record SwitchChange(long id, String name, @Nullable Boolean oldValue, boolean newValue, String changedBy,
		long changedAtMs, Instant changedAt, String reason) {

}
