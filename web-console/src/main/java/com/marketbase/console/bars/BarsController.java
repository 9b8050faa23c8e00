package com.marketbase.console.bars;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

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
 * Bars of one symbol for a day or a range.
 */
@RestController
@RequestMapping("/api/bars")
@Tag(name = "Bars", description = "Candles from the warehouse")
class BarsController {

	private static final Pattern SYMBOL = Pattern.compile("[0-9A-Za-z]{1,12}\\.[A-Za-z]{2,4}");

	// SGE spot codes as Tushare writes them, mixed case and without suffix: Au99.99,
	// Au(T+D), Au100g.
	private static final Pattern SPOT = Pattern.compile("[A-Za-z]{1,5}(\\d{2,3}(\\.\\d{1,2})?|\\(T\\+D\\)|\\d{1,4}g)");

	private final BarQueries queries;

	private final WatchedReads reads;

	BarsController(BarQueries queries, WatchedReads reads) {
		this.queries = queries;
		this.reads = reads;
	}

	@GetMapping
	@Operation(summary = "Bars at 1m, 5m, 15m, 30m, 60m, 1d, 1w or 1M on the session grid; gaps are null",
			description = "Without 'to' one day; 1-minute bars for at most 31 days, others for at most 3660.")
	DeferredResult<BarSeries> bars(@RequestParam String symbol, @RequestParam(defaultValue = "1m") String interval,
			@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to) {
		boolean spot = SPOT.matcher(symbol).matches();
		if (!spot && !SYMBOL.matcher(symbol).matches()) {
			throw new InvalidInputException("symbol", "'" + ConsoleText.shown(symbol)
					+ "' is not a symbol like 600000.SH, IF2412.CFX, USDCNH.FXCM or Au99.99.");
		}
		BarInterval length;
		try {
			length = BarInterval.of(interval);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputException("interval", "interval is one of 1m, 5m, 15m, 30m, 60m, 1d, 1w or 1M, not '"
					+ ConsoleText.shown(interval) + "'.");
		}
		DateWindow.check("from", from);
		DateWindow.check("to", to);
		LocalDate last = (to != null) ? to : from;
		if (last.isBefore(from)) {
			throw new InvalidInputException("to", "to " + last + " is before from " + from + ".");
		}
		long days = ChronoUnit.DAYS.between(from, last) + 1;
		long limit = (length == BarInterval.M1) ? 31 : 3660;
		if (days > limit) {
			throw new InvalidInputException("to",
					interval + " bars can be shown for at most " + limit + " days at once, not " + days + ".");
		}
		return this.reads
			.read(() -> this.queries.series(spot ? symbol : symbol.toUpperCase(Locale.ROOT), length, from, last));
	}

	@GetMapping("/symbols")
	@Operation(summary = "Up to 20 symbols starting with a prefix")
	List<String> symbols(@RequestParam(defaultValue = "") String prefix) {
		return this.queries.symbols(prefix.toUpperCase(Locale.ROOT));
	}

}
