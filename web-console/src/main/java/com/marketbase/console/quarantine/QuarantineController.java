package com.marketbase.console.quarantine;

import java.security.Principal;
import java.util.List;

import com.marketbase.console.ConsoleText;
import com.marketbase.console.InvalidInputException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Quarantined units and their release (OPERATOR), each release kept with who made it,
 * when and why.
 */
@RestController
@RequestMapping("/api/quarantine")
@Tag(name = "Quarantine", description = "Units that wait for a person, and their release")
class QuarantineController {

	private static final Logger logger = LoggerFactory.getLogger(QuarantineController.class);

	private final ObjectProvider<QuarantineFacts> facts;

	QuarantineController(ObjectProvider<QuarantineFacts> facts) {
		this.facts = facts;
	}

	@GetMapping
	@Operation(summary = "The quarantined units, oldest failure first, and the releases made")
	QuarantineView quarantine(@RequestParam(required = false) @Nullable String dataset) {
		QuarantineFacts known = facts();
		return new QuarantineView(known.units(blankless(dataset)), known.releases());
	}

	@PostMapping("/{id}/release")
	@Operation(summary = "Release one unit, with the reason; 400 names the problem")
	QuarantineFacts.Unit release(@PathVariable long id, @RequestBody ReleaseRequest request, Principal user) {
		try {
			QuarantineFacts.Unit unit = facts().release(id, user.getName(), reason(request));
			logger.info("{} released quarantined unit {} ({} {}): {}", user.getName(), id, unit.dataset(), unit.unit(),
					ConsoleText.printable(request.reason()));
			return unit;
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputException("id", ex.getMessage());
		}
	}

	@PostMapping("/release")
	@Operation(summary = "Release every quarantined unit of a dataset, with the reason")
	ReleasedView releaseAll(@RequestBody ReleaseRequest request, Principal user) {
		String dataset = blankless(request.dataset());
		if (dataset == null) {
			throw new InvalidInputException("dataset", "Name the dataset whose units to release.");
		}
		int released = facts().releaseAll(dataset, user.getName(), reason(request));
		logger.info("{} released {} quarantined unit(s) of {}: {}", user.getName(), released, dataset,
				ConsoleText.printable(request.reason()));
		return new ReleasedView(released);
	}

	private QuarantineFacts facts() {
		QuarantineFacts known = this.facts.getIfAvailable();
		if (known == null) {
			throw new IllegalStateException("This server keeps no quarantine");
		}
		return known;
	}

	private static String reason(ReleaseRequest request) {
		String reason = blankless(request.reason());
		if (reason == null) {
			throw new InvalidInputException("reason", "A release needs a reason; it is kept with the release.");
		}
		if (reason.length() > 500) {
			throw new InvalidInputException("reason", "A reason is at most 500 characters.");
		}
		return reason;
	}

	private static @Nullable String blankless(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

	/**
	 * The quarantine page.
	 *
	 * @param units the units that wait
	 * @param releases the releases made, newest first
	 */
	record QuarantineView(List<QuarantineFacts.Unit> units, List<QuarantineFacts.Release> releases) {
	}

	/**
	 * A release request.
	 *
	 * @param reason why
	 * @param dataset the dataset, for a release of all its units
	 */
	record ReleaseRequest(@Nullable String reason, @Nullable String dataset) {
	}

	/**
	 * How many units a release let go.
	 *
	 * @param released the count
	 */
	record ReleasedView(int released) {
	}

}
