package com.marketbase.console.coverage;

import java.time.LocalDate;
import java.util.Map;

import com.marketbase.console.ConsoleSql;
import com.marketbase.console.ConsoleText;
import com.marketbase.console.DateWindow;
import com.marketbase.console.InvalidInputException;
import com.marketbase.console.WatchedReads;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * Coverage per dataset and day, and the instruments behind a partial or missing day.
 */
@RestController
@RequestMapping("/api/coverage")
@Tag(name = "Coverage", description = "What each dataset holds per trading day")
class CoverageController {

	// Ten years and a bit: the matrix of four datasets stays a few hundred kilobytes.
	private static final long MAX_DAYS = 3700;

	private static final int MAX_GAPS = 1000;

	private final CoverageReader reader;

	private final WatchedReads reads;

	CoverageController(ConsoleSql sql, WatchedReads reads) {
		this.reader = new CoverageReader(sql);
		this.reads = reads;
	}

	@GetMapping("/datasets")
	@Operation(summary = "The datasets with what they hold")
	Map<String, String> datasets() {
		return this.reader.datasets();
	}

	@GetMapping
	@Operation(summary = "Dataset × day matrix: per cell the verdict and the counts",
			description = "All datasets unless 'dataset' names one; at most 3,700 days.")
	DeferredResult<CoverageMatrix> matrix(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
			@RequestParam(required = false) @Nullable String dataset) {
		DateWindow.checkRange(from, to, MAX_DAYS, "Coverage");
		return this.reads.read(() -> {
			String name = (dataset == null || dataset.isBlank()) ? null : known(dataset);
			return this.reader.matrix(name, from, to);
		});
	}

	@GetMapping("/gaps")
	@Operation(summary = "The instruments behind a dataset's partial or missing day, missing ones first")
	DeferredResult<CoverageGaps> gaps(@RequestParam String dataset,
			@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate day,
			@RequestParam(defaultValue = "200") int limit) {
		if (limit < 1 || limit > MAX_GAPS) {
			throw new InvalidInputException("limit", "limit is between 1 and " + MAX_GAPS + ", not " + limit + ".");
		}
		DateWindow.check("day", day);
		return this.reads.read(() -> this.reader.gaps(known(dataset), day, limit));
	}

	private String known(String dataset) {
		Map<String, String> datasets = this.reader.datasets();
		if (!datasets.containsKey(dataset)) {
			throw new InvalidInputException("dataset", "Unknown dataset '" + ConsoleText.shown(dataset)
					+ "'; datasets: " + String.join(", ", datasets.keySet()) + ".");
		}
		return dataset;
	}

}
