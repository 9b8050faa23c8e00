package com.marketbase.console.job;

/**
 * One field of a job's launch form.
 *
 * @param name the parameter name as the command line takes it
 * @param description what it means and which values it takes
 * @param example a value to show as a placeholder
 */
public record LaunchField(String name, String description, String example) {
}
