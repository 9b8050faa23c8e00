package com.marketbase.batch.serve;

import java.util.List;

import com.marketbase.batch.probe.Probes;
import com.marketbase.batch.rollout.RolloutSwitches;
import com.marketbase.batch.rollout.SwitchRefusedException;
import com.marketbase.console.rollout.RolloutFacts;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * The rollout switches and probes as the console shows them: the same store, rules and
 * messages as {@code batch.jar flags}.
 */
@Component
class ConsoleRollout implements RolloutFacts {

	private final RolloutSwitches switches;

	private final Probes probes;

	ConsoleRollout(RolloutSwitches switches, Probes probes) {
		this.switches = switches;
		this.probes = probes;
	}

	@Override
	public List<Switch> switches() {
		return this.switches.all()
			.stream()
			.map((s) -> new Switch(s.name(), s.kind(), s.batch(), s.value(), s.effective(), s.requiresProbe(),
					s.description(), s.updatedAt(), s.updatedAtMs(), s.updatedBy(), s.reason()))
			.toList();
	}

	@Override
	public List<Change> changes(int limit) {
		return this.switches.changes(limit).stream().map(ConsoleRollout::change).toList();
	}

	@Override
	public List<Probe> probes() {
		return this.probes.latestOfEach()
			.stream()
			.map((p) -> new Probe(p.source(), p.endpoint(), p.request(), p.granted(), p.message(), p.probedAt()))
			.toList();
	}

	@Override
	public @Nullable Change set(String name, boolean value, String by, String reason) {
		if (this.switches.find(name).isEmpty()) {
			throw new Refused(Reason.UNKNOWN_SWITCH,
					"Unknown switch; switches: " + String.join(", ", this.switches.names()) + ".");
		}
		try {
			return this.switches.set(name, value, by, reason).map(ConsoleRollout::change).orElse(null);
		}
		catch (SwitchRefusedException ex) {
			String message = String.valueOf(ex.getMessage());
			throw new Refused(message.contains(" stays off: ") ? Reason.NEEDS_PROBE : Reason.INVALID_INPUT, message);
		}
	}

	private static Change change(com.marketbase.batch.rollout.SwitchChange c) {
		return new Change(c.id(), c.name(), c.oldValue(), c.newValue(), c.changedBy(), c.changedAtMs(), c.changedAt(),
				c.reason());
	}

}
