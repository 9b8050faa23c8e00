package com.marketbase.batch.serve;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.marketbase.batch.source.SourceName;
import com.marketbase.batch.source.SourceResolver;
import com.marketbase.batch.support.launch.JobLaunch;
import com.marketbase.batch.source.SourceStates;
import com.marketbase.batch.source.SourcesProperties;
import com.marketbase.batch.warehouse.WarehouseInfo;
import com.marketbase.console.system.SystemFacts;

import org.springframework.stereotype.Component;

/**
 * The warehouse mode, the default source and the sources with their quotas and live
 * state. Sources are shown by where they answer, without any user info in the URL; tokens
 * are not part of the settings read here at all.
 */
@Component
class ConsoleSystemFacts implements SystemFacts {

	private final WarehouseInfo warehouse;

	private final SourcesProperties properties;

	private final SourceResolver sources;

	private final SourceStates states;

	private final List<JobLaunch> launches;

	ConsoleSystemFacts(WarehouseInfo warehouse, SourcesProperties properties, SourceResolver sources,
			SourceStates states, List<JobLaunch> launches) {
		this.launches = launches;
		this.warehouse = warehouse;
		this.properties = properties;
		this.sources = sources;
		this.states = states;
	}

	@Override
	public String warehouseMode() {
		return this.warehouse.mode().description();
	}

	@Override
	public String warehouse() {
		return this.warehouse.describe();
	}

	// A job's own default counts too: the banner shows when any launch without a source
	// reads synthetic data.
	@Override
	public String defaultSource() {
		String general = this.sources.describe(this.sources.defaultSource(null).key());
		List<String> synthetic = this.launches.stream()
			.filter((launch) -> launch.defaultSource() != null && !launch.defaultSource().isBlank()
					&& this.sources.synthetic(this.sources.defaultSource(launch.defaultSource()).key())
					&& !this.sources.synthetic(this.sources.defaultSource(null).key()))
			.map(JobLaunch::jobName)
			.sorted()
			.toList();
		return synthetic.isEmpty() ? general
				: general + "; sandbox, synthetic data for " + String.join(", ", synthetic);
	}

	@Override
	public boolean demo() {
		return this.sources.demo();
	}

	@Override
	public List<Source> sources() {
		List<Source> result = new ArrayList<>();
		for (SourceName name : SourceName.values()) {
			result.add(new Source(name.key(), name.displayName(), this.sources.endpoint(name),
					this.properties.of(name).callsPerMinute(),
					this.states.of(name).name().toLowerCase(Locale.ROOT).replace('_', ' ')));
		}
		return result;
	}

}
