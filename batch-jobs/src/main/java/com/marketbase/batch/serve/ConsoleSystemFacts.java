package com.marketbase.batch.serve;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.marketbase.batch.source.SourceName;
import com.marketbase.batch.source.SourceSettings;
import com.marketbase.batch.source.SourceStates;
import com.marketbase.batch.source.SourcesProperties;
import com.marketbase.batch.warehouse.WarehouseInfo;
import com.marketbase.console.system.SystemFacts;

import org.springframework.stereotype.Component;

/**
 * The warehouse mode and the sources with their quotas and live state. Sources are shown
 * by where they answer, without any user info in the URL; tokens are not part of the
 * settings read here at all.
 */
@Component
class ConsoleSystemFacts implements SystemFacts {

	private final WarehouseInfo warehouse;

	private final SourcesProperties sources;

	private final SourceStates states;

	ConsoleSystemFacts(WarehouseInfo warehouse, SourcesProperties sources, SourceStates states) {
		this.warehouse = warehouse;
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

	@Override
	public List<Source> sources() {
		List<Source> result = new ArrayList<>();
		for (SourceName name : SourceName.values()) {
			SourceSettings settings = this.sources.of(name);
			result.add(new Source(name.key(), name.displayName(), endpoint(settings.baseUrl()),
					settings.callsPerMinute(), this.states.of(name).name().toLowerCase(Locale.ROOT).replace('_', ' ')));
		}
		return result;
	}

	private static String endpoint(URI url) {
		if (url == null) {
			return "embedded sandbox";
		}
		// A URL may carry credentials (user:password@host); only where it answers is
		// shown.
		return url.getScheme() + "://" + url.getHost() + ((url.getPort() >= 0) ? ":" + url.getPort() : "")
				+ ((url.getPath() != null) ? url.getPath() : "");
	}

}
