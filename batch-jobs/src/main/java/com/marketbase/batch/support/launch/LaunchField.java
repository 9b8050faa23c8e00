package com.marketbase.batch.support.launch;

import java.util.Collection;
import java.util.TreeSet;

import com.marketbase.batch.support.remote.WorkersProperties;

/**
 * One parameter of a job's launch, as a form shows it.
 *
 * @param name the parameter name as the command line takes it
 * @param description what it means and which values it takes
 * @param example a value to show as a placeholder
 */
public record LaunchField(String name, String description, String example) {

	/**
	 * The first day of a range.
	 * @return the field
	 */
	public static LaunchField startDate() {
		return new LaunchField("start_date", "First day of a range, with end_date", "2026-11-16");
	}

	/**
	 * The last day of a range.
	 * @return the field
	 */
	public static LaunchField endDate() {
		return new LaunchField("end_date", "Last day of a range, with start_date", "2026-11-20");
	}

	/**
	 * The source.
	 * @param sources the keys of the sources the job reads
	 * @return the field
	 */
	public static LaunchField source(Collection<String> sources) {
		return new LaunchField("source", String.join(", ", new TreeSet<>(sources)) + "; empty means the default", "");
	}

	/**
	 * A forced run of what already completed.
	 * @return the field
	 */
	public static LaunchField force() {
		return new LaunchField("force", "true runs again what already completed", "false");
	}

	/**
	 * The flag that lets synthetic and real rows share the warehouse.
	 * @return the field
	 */
	public static LaunchField allowMixedSources() {
		return new LaunchField(LaunchInput.ALLOW_MIXED_SOURCES,
				"true loads even where the warehouse holds rows of the other kind (sandbox or real); the rows it writes replace those of the same keys",
				"false");
	}

	/**
	 * Where a load's partitions run.
	 * @return the field
	 */
	public static LaunchField workers() {
		return new LaunchField(WorkersProperties.PARAMETER,
				"remote sends the partitions to worker processes through the broker; local (the default "
						+ "unless marketbase.workers.mode says otherwise) runs them here",
				WorkersProperties.LOCAL);
	}

}
