package com.marketbase.batch.warehouse.storage;

import java.time.Duration;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The storage policies as configured: {@code marketbase.storage.policies.
 *
<table>
 * }, each table's settings over the defaults of {@link StorageTable}. Checked by
 * {@link StoragePolicies#of}, which names a wrong key or value in one line.
 *
 * @param policies the settings by table name, for example {@code bars_1m}
 * @param deleteBatchRows how many rows one statement of the plain-table retention
 * deletes, so that no transaction holds millions of rows
 */
@ConfigurationProperties("marketbase.storage")
public record StorageProperties(@Nullable Map<String, Setting> policies, @DefaultValue("10000") int deleteBatchRows) {

	public StorageProperties {
		policies = (policies != null) ? Map.copyOf(policies) : Map.of();
	}

	/**
	 * One table's settings.
	 *
	 * @param compressAfter compress chunks older than this; {@code null} keeps the
	 * default
	 * @param retention remove rows older than this; {@code null}, the default, keeps
	 * everything
	 */
	public record Setting(@Nullable Duration compressAfter, @Nullable Duration retention) {
	}

}
