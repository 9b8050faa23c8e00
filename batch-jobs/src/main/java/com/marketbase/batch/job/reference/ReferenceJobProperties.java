package com.marketbase.batch.job.reference;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the reference jobs ({@code calendar} and {@code instruments}).
 *
 * @param defaultSource the source when a launch names none
 */
@ConfigurationProperties("marketbase.jobs.reference")
public record ReferenceJobProperties(@DefaultValue("sandbox") String defaultSource) {
}
