package com.marketbase.console.launch;

import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.marketbase.console.ConsoleText;
import com.marketbase.console.action.ActionResult;
import com.marketbase.console.action.ExecutionActions;
import com.marketbase.console.job.JobCatalog;
import com.marketbase.console.job.InvalidLaunchException;
import com.marketbase.console.job.JobFacts;
import com.marketbase.console.job.LaunchField;
import io.swagger.v3.oas.annotations.Operation;
import org.jspecify.annotations.Nullable;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The jobs of this server and their launch.
 */
@RestController
@RequestMapping("/api/jobs")
@Tag(name = "Jobs", description = "Launchable jobs and their parameters")
class LaunchController {

	/** More parameters than any job takes. */
	static final int MAX_PARAMETERS = 20;

	private final JobCatalog catalog;

	private final ExecutionActions actions;

	LaunchController(JobCatalog catalog, ExecutionActions actions) {
		this.catalog = catalog;
		this.actions = actions;
	}

	@GetMapping
	@Operation(summary = "The jobs this server defines, with their launch fields")
	List<JobView> jobs() {
		return this.catalog.names()
			.stream()
			.map((name) -> new JobView(name, this.catalog.facts(name).map(JobFacts::launchFields).orElse(List.of()),
					this.catalog.facts(name).flatMap(JobFacts::dataset).orElse(null)))
			.toList();
	}

	@PostMapping("/{name}/executions")
	@ResponseStatus(HttpStatus.ACCEPTED)
	@Operation(summary = "Launch a job; 400 names the field at fault, 409 when it completed or runs already",
			description = "Parameters are the command line's name=value pairs, as a JSON object.")
	ActionResult launch(@PathVariable String name, @RequestBody(required = false) @Nullable LaunchRequest request,
			Principal user) {
		Map<String, String> given = new LinkedHashMap<>();
		Map<String, String> sent = (request != null && request.parameters() != null) ? request.parameters() : Map.of();
		if (sent.size() > MAX_PARAMETERS) {
			throw new InvalidLaunchException(null,
					sent.size() + " parameters is more than any job takes; at most " + MAX_PARAMETERS + ".");
		}
		// A blank value is a mistake, as on the command line: a form leaves an empty
		// field out.
		sent.forEach((key, value) -> {
			if (value == null || value.isBlank()) {
				throw new InvalidLaunchException(ConsoleText.shown(key),
						ConsoleText.shown(key) + " is blank; give it a value or leave it out.");
			}
			given.put(key, value.strip());
		});
		return this.actions.launch(name, given, user.getName());
	}

	/**
	 * A job as the launch form shows it.
	 *
	 * @param name the job name
	 * @param fields its parameters
	 * @param dataset the dataset whose coverage it fills, or {@code null}
	 */
	record JobView(String name, List<LaunchField> fields, @Nullable String dataset) {
	}

	/**
	 * A launch.
	 *
	 * @param parameters the {@code name=value} pairs; a blank value is refused
	 */
	record LaunchRequest(Map<String, String> parameters) {
	}

}
