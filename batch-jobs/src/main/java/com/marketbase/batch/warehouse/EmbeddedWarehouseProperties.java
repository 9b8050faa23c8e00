package com.marketbase.batch.warehouse;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The embedded PostgreSQL used when no datasource is configured.
 *
 * @param dataDirectory where its data is kept, so that repeated runs accumulate (default
 * {@code ~/.marketbase/warehouse})
 */
@ConfigurationProperties("marketbase.embedded")
public record EmbeddedWarehouseProperties(Path dataDirectory) {
}
