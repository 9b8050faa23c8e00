package com.marketbase.batch.serve;

import java.util.List;

import javax.sql.DataSource;

import com.marketbase.batch.support.units.Quarantine;
import com.marketbase.console.quarantine.QuarantineFacts;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * The warehouse's quarantine as the console shows and releases it.
 */
@Component
class ConsoleQuarantine implements QuarantineFacts {

	private final Quarantine quarantine;

	ConsoleQuarantine(DataSource dataSource) {
		this.quarantine = new Quarantine(dataSource);
	}

	@Override
	public List<Unit> units(@Nullable String dataset) {
		return this.quarantine.list(dataset).stream().map(ConsoleQuarantine::unit).toList();
	}

	@Override
	public Unit release(long id, String by, String reason) {
		return unit(this.quarantine.release(id, by, reason));
	}

	@Override
	public int releaseAll(String dataset, String by, String reason) {
		return this.quarantine.releaseAll(dataset, by, reason);
	}

	@Override
	public List<Release> releases() {
		return this.quarantine.releases(100)
			.stream()
			.map((release) -> new Release(release.id(), release.dataset(), release.unit(), release.by(), release.at(),
					release.reason()))
			.toList();
	}

	private static Unit unit(Quarantine.Unit unit) {
		return new Unit(unit.id(), unit.dataset(), unit.unit(), unit.source(), unit.attempts(), unit.quarantinedAt(),
				unit.lastError());
	}

}
