package com.marketbase.console.rollout;

import java.security.Principal;
import java.util.List;

import com.marketbase.console.InvalidInputException;
import com.marketbase.console.action.ActionConflictException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The rollout switches with their trail and the permission probes; setting a switch is an
 * operator's action like a restart (the API's security lets only operators post, with the
 * CSRF token when signed in with the session).
 */
@RestController
@Tag(name = "Rollout", description = "Rollout switches, their trail and the permission probes")
class RolloutController {

	private static final int TRAIL = 100;

	private final ObjectProvider<RolloutFacts> facts;

	RolloutController(ObjectProvider<RolloutFacts> facts) {
		this.facts = facts;
	}

	@GetMapping("/api/rollout")
	@Operation(summary = "Every switch with its effective value, the newest changes and the latest probe per endpoint")
	Rollout rollout() {
		RolloutFacts known = known();
		return new Rollout(known.switches(), known.changes(TRAIL), known.probes());
	}

	@PostMapping("/api/rollout/switches/{name}")
	@Operation(summary = "Set a switch (OPERATOR), with a reason; 409 when the special permission has no passed probe")
	SwitchResult set(@PathVariable String name, @RequestBody SwitchRequest request, Principal user) {
		if (request.value() == null) {
			throw new InvalidInputException("value", "value is true or false.");
		}
		RolloutFacts known = known();
		RolloutFacts.Change change;
		try {
			change = known.set(name, request.value(), user.getName(),
					(request.reason() != null) ? request.reason() : "");
		}
		catch (RolloutFacts.Refused ex) {
			throw switch (ex.reason()) {
				case NEEDS_PROBE -> new ActionConflictException(ex.getMessage());
				case UNKNOWN_SWITCH -> new InvalidInputException("name", ex.getMessage());
				case INVALID_INPUT -> new InvalidInputException("reason", ex.getMessage());
			};
		}
		RolloutFacts.Switch now = known.switches()
			.stream()
			.filter((candidate) -> candidate.name().equals(name))
			.findFirst()
			.orElseThrow();
		String message = (change == null) ? name + " is " + request.value() + " already; nothing changed." : name
				+ " set to " + request.value() + " by " + change.changedBy()
				+ ((now.effective() == request.value()) ? "." : "; without effect while its batch switch is off.");
		return new SwitchResult(now, change, message);
	}

	private RolloutFacts known() {
		RolloutFacts known = this.facts.getIfAvailable();
		if (known == null) {
			throw new InvalidInputException("name", "This application keeps no rollout switches.");
		}
		return known;
	}

	/**
	 * The switches, their trail and the probes.
	 *
	 * @param switches every switch
	 * @param changes the newest changes, newest first
	 * @param probes the latest probe per endpoint
	 */
	record Rollout(List<RolloutFacts.Switch> switches, List<RolloutFacts.Change> changes,
			List<RolloutFacts.Probe> probes) {
	}

	/**
	 * A change asked for.
	 *
	 * @param value the new value
	 * @param reason why, required
	 */
	record SwitchRequest(@Nullable Boolean value, @Nullable String reason) {
	}

	/**
	 * What a change did.
	 *
	 * @param current the switch after it
	 * @param change the trail's new entry, or {@code null} when nothing changed
	 * @param message one sentence
	 */
	record SwitchResult(RolloutFacts.Switch current, RolloutFacts.@Nullable Change change, String message) {
	}

}
