package com.marketbase.batch.gate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The batches the gate judges and the datasets that owe weekdays instead of their
 * calendar's open days.
 *
 * @param batches per batch, its datasets, judged in the order of their names; P0 and P1
 * of the roadmap when none are set
 * @param weekdays the datasets whose days are Monday to Friday (FX trades while the
 * exchanges are closed for holidays)
 */
@ConfigurationProperties("marketbase.gate")
public record GateProperties(@Nullable Map<String, List<String>> batches,
		@DefaultValue("fx_daily") List<String> weekdays) {

	public GateProperties {
		if (batches == null || batches.isEmpty()) {
			Map<String, List<String>> roadmap = new LinkedHashMap<>();
			roadmap.put("P0", List.of("daily", "index_daily", "etf_daily", "fut_daily", "fut_mapping", "sge_daily"));
			roadmap.put("P1", List.of("fx_daily"));
			batches = roadmap;
		}
		// By name, whatever order the configuration was bound in: P0 before P1.
		Map<String, List<String>> copied = new java.util.TreeMap<>();
		batches.forEach((batch, datasets) -> copied.put(batch, List.copyOf(datasets)));
		batches = java.util.Collections.unmodifiableMap(copied);
		weekdays = List.copyOf(weekdays);
	}

}
