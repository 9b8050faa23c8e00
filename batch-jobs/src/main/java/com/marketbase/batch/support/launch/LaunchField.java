package com.marketbase.batch.support.launch;

/**
 * One parameter of a job's launch, as a form shows it.
 *
 * @param name the parameter name as the command line takes it
 * @param description what it means and which values it takes
 * @param example a value to show as a placeholder
 */
public record LaunchField(String name, String description, String example) {
}
