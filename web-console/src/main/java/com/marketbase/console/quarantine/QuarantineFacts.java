package com.marketbase.console.quarantine;

import java.time.OffsetDateTime;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The quarantined units of the application's datasets and their release, offered to the
 * console by the application, which keeps them.
 */
public interface QuarantineFacts {

	/**
	 * The units that wait for a person, oldest failure first.
	 * @param dataset one dataset, or {@code null} for all
	 * @return the units
	 */
	List<Unit> units(@Nullable String dataset);

	/**
	 * Releases one unit, so that the next run loads it again.
	 * @param id the unit's id
	 * @param by who releases it
	 * @param reason why
	 * @return the released unit
	 * @throws IllegalArgumentException when no quarantined unit has the id, or the reason
	 * is blank
	 */
	Unit release(long id, String by, String reason);

	/**
	 * Releases every quarantined unit of a dataset.
	 * @param dataset the dataset
	 * @param by who releases them
	 * @param reason why
	 * @return how many were released
	 */
	int releaseAll(String dataset, String by, String reason);

	/**
	 * The releases people made, newest first.
	 * @return the releases
	 */
	List<Release> releases();

	/**
	 * A quarantined unit.
	 *
	 * @param id its id
	 * @param dataset its dataset
	 * @param unit the unit, for example {@code 600000.SH/2026-11-20}
	 * @param source the source that failed it last
	 * @param attempts the attempts that failed
	 * @param quarantinedAt when it was quarantined
	 * @param lastError the last error
	 */
	record Unit(long id, String dataset, String unit, String source, int attempts, OffsetDateTime quarantinedAt,
			String lastError) {
	}

	/**
	 * A release.
	 *
	 * @param id the unit's id
	 * @param dataset its dataset
	 * @param unit the unit
	 * @param by who released it
	 * @param at when
	 * @param reason why
	 */
	record Release(long id, String dataset, String unit, String by, OffsetDateTime at, String reason) {
	}

}
