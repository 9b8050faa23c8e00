package com.marketbase.console.execution;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import com.marketbase.console.DateWindow;
import com.marketbase.console.InvalidInputException;
import com.marketbase.console.log.ExecutionLogs;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.BatchStatus;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The execution list, one execution's detail and its log.
 */
@RestController
@RequestMapping("/api/executions")
@Tag(name = "Executions", description = "What ran, what runs and how far it has come")
class ExecutionController {

	private final ExecutionList list;

	private final ExecutionDetails details;

	private final ExecutionLogs logs;

	ExecutionController(ExecutionList list, ExecutionDetails details, ExecutionLogs logs) {
		this.list = list;
		this.details = details;
		this.logs = logs;
	}

	@GetMapping
	@Operation(summary = "Executions, newest first, filtered and keyset-paged",
			description = "Pass the page's 'next' as 'before' for the following page.")
	ExecutionPage list(@RequestParam(required = false) @Nullable String job,
			@RequestParam(required = false) @Nullable List<BatchStatus> status,
			@RequestParam(defaultValue = "false") boolean failed,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to,
			@RequestParam(required = false) @Nullable Long before, @RequestParam(defaultValue = "50") int limit) {
		if (limit < 1 || limit > ExecutionFilter.MAX_LIMIT) {
			throw new InvalidInputException("limit",
					"limit is 1 to " + ExecutionFilter.MAX_LIMIT + ", not " + limit + ".");
		}
		DateWindow.check("from", from);
		DateWindow.check("to", to);
		if (from != null && to != null && from.isAfter(to)) {
			throw new InvalidInputException("from", "from " + from + " is after to " + to + ".");
		}
		Set<BatchStatus> statuses = EnumSet.noneOf(BatchStatus.class);
		if (status != null) {
			statuses.addAll(status);
		}
		if (failed) {
			statuses.add(BatchStatus.FAILED);
		}
		String jobName = (job != null && !job.isBlank()) ? job : null;
		return this.list.page(new ExecutionFilter(jobName, statuses, from, to, before, limit));
	}

	@GetMapping("/{id}")
	@Operation(summary = "One execution with its parameters, steps, progress and work units")
	ExecutionDetail detail(@PathVariable long id) {
		return this.details.detail(id);
	}

	@GetMapping(path = "/{id}/log", produces = MediaType.TEXT_PLAIN_VALUE)
	@Operation(summary = "The execution's log as this server captured it",
			description = "With download=true it comes as an attachment.")
	ResponseEntity<String> log(@PathVariable long id, @RequestParam(defaultValue = "false") boolean download) {
		this.details.load(id);
		String text = this.logs.read(id)
			.orElse("No log lines of execution " + id + " were captured by this server: it ran in another process, "
					+ "or logged nothing.\n");
		ResponseEntity.BodyBuilder response = ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN);
		if (download) {
			response.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename("execution-" + id + ".log").build().toString());
		}
		return response.body(text);
	}

}
