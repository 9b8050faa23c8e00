package com.marketbase.console.funds;

import java.math.BigDecimal;
import java.security.Principal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.marketbase.console.InvalidInputException;
import com.marketbase.console.security.ConsoleRole;

/**
 * Funds: estimates from the cache (any signed-in user may ask; the answer queues
 * refreshes, never calls a source), NAV syncs queued or run inline, the watchlist and the
 * funds held (operators change them), each fund's record and the estimates' accuracy.
 * Fund codes are six digits, with or without {@code .OF}.
 */
@RestController
@Tag(name = "Funds", description = "Fund estimates, NAV syncs, watchlist, holdings and accuracy")
class FundsController {

	/** The most funds one request names. */
	static final int MAX_CODES = 200;

	private static final Pattern CODE = Pattern.compile("\\d{6}(\\.OF)?");

	private final ObjectProvider<FundFacts> facts;

	FundsController(ObjectProvider<FundFacts> facts) {
		this.facts = facts;
	}

	@PostMapping("/api/funds/estimates")
	@Operation(summary = "Each fund's latest estimate from the cache, with stale and queued_refresh; no source call")
	List<FundFacts.Estimate> estimates(@RequestBody CodesRequest request, Authentication user) {
		FundFacts known = known();
		// Viewers only ever read the cache; an inline refresh is an operator's call.
		boolean operator = user.getAuthorities()
			.stream()
			.anyMatch((authority) -> authority.getAuthority().equals("ROLE_" + ConsoleRole.OPERATOR.name()));
		return known.estimates(known(known, codes(request.codes())), operator);
	}

	@PostMapping("/api/funds/nav-history/sync")
	@Operation(summary = "Queue a NAV history sync (OPERATOR; mode=inline runs it now for a handful of funds)")
	FundFacts.NavSync sync(@RequestBody SyncRequest request) {
		FundFacts known = known();
		List<String> symbols = known(known, codes(request.codes()));
		String mode = (request.mode() != null) ? request.mode().strip().toLowerCase(Locale.ROOT) : "enqueue";
		if (!mode.equals("enqueue") && !mode.equals("inline")) {
			throw new InvalidInputException("mode", "mode is enqueue (the default) or inline, not '" + mode + "'.");
		}
		if (mode.equals("inline") && symbols.size() > known.inlineLimit()) {
			throw new InvalidInputException("codes", "An inline sync takes at most " + known.inlineLimit()
					+ " funds, not " + symbols.size() + "; queue the others (mode=enqueue).");
		}
		return known.syncNavHistory(symbols, mode.equals("inline"));
	}

	@GetMapping("/api/funds/watchlist")
	@Operation(summary = "The watchlist")
	List<FundFacts.Followed> watchlist() {
		return known().watchlist();
	}

	@PutMapping("/api/funds/watchlist/{code}")
	@Operation(summary = "Add a fund to the watchlist (OPERATOR); its estimate is refreshed every 2 minutes")
	Change watch(@PathVariable String code, Principal user) {
		FundFacts known = known();
		String symbol = known(known, codes(List.of(code))).get(0);
		boolean added = known.watch(symbol, user.getName());
		return new Change(symbol, added ? symbol + " is on the watchlist." : symbol + " was on the watchlist already.");
	}

	@DeleteMapping("/api/funds/watchlist/{code}")
	@Operation(summary = "Take a fund off the watchlist (OPERATOR)")
	Change unwatch(@PathVariable String code) {
		String symbol = codes(List.of(code)).get(0);
		boolean removed = known().unwatch(symbol);
		return new Change(symbol, removed ? symbol + " is off the watchlist." : symbol + " was not on the watchlist.");
	}

	@GetMapping("/api/funds/holdings")
	@Operation(summary = "The funds held, with units and their value at the latest estimate")
	List<FundFacts.Position> positions() {
		return known().positions();
	}

	@PutMapping("/api/funds/holdings/{code}")
	@Operation(summary = "Set the units held of a fund (OPERATOR); its estimate is refreshed every 5 minutes")
	FundFacts.Position hold(@PathVariable String code, @RequestBody HoldRequest request, Principal user) {
		FundFacts known = known();
		String symbol = known(known, codes(List.of(code))).get(0);
		BigDecimal units = request.units();
		if (units == null || units.signum() <= 0 || units.compareTo(new BigDecimal("1e12")) > 0 || units.scale() > 4) {
			throw new InvalidInputException("units",
					"units is a positive number of fund units, at most 10^12, with at most 4 decimals.");
		}
		return known.hold(symbol, units, user.getName());
	}

	@DeleteMapping("/api/funds/holdings/{code}")
	@Operation(summary = "Remove a fund from the holdings (OPERATOR)")
	Change release(@PathVariable String code) {
		String symbol = codes(List.of(code)).get(0);
		boolean removed = known().release(symbol);
		return new Change(symbol, removed ? symbol + " is no longer held." : symbol + " was not held.");
	}

	@GetMapping("/api/funds/accuracy")
	@Operation(
			summary = "Per method, the distribution of estimate errors against the published NAVs, and the worst funds")
	FundFacts.Accuracy accuracy(@RequestParam(defaultValue = "30") int days) {
		if (days < 1 || days > 366) {
			throw new InvalidInputException("days", "days is 1 to 366, not " + days + ".");
		}
		return known().accuracy(days);
	}

	@GetMapping("/api/funds/queue")
	@Operation(summary = "What the refresh queue holds, next due first")
	FundFacts.Queue queue(@RequestParam(defaultValue = "100") int limit) {
		if (limit < 1 || limit > 1000) {
			throw new InvalidInputException("limit", "limit is 1 to 1000, not " + limit + ".");
		}
		return known().queue(limit);
	}

	@GetMapping("/api/funds/{code}")
	@Operation(summary = "One fund: NAV history, today's estimate series and its accuracy record")
	FundFacts.Fund fund(@PathVariable String code, @RequestParam(defaultValue = "60") int days) {
		if (days < 1 || days > 5000) {
			throw new InvalidInputException("days", "days is 1 to 5000, not " + days + ".");
		}
		String symbol = codes(List.of(code)).get(0);
		FundFacts.Fund fund = known().fund(symbol, days);
		if (fund == null) {
			throw new UnknownFundException("No open-end fund " + symbol + " is known; run job=instruments.");
		}
		return fund;
	}

	private FundFacts known() {
		FundFacts known = this.facts.getIfAvailable();
		if (known == null) {
			throw new InvalidInputException("codes", "This application keeps no funds.");
		}
		return known;
	}

	private static List<String> known(FundFacts facts, List<String> symbols) {
		List<String> unknown = facts.unknown(symbols);
		if (!unknown.isEmpty()) {
			throw new InvalidInputException("codes",
					"Not an open-end fund the warehouse knows: "
							+ String.join(", ", unknown.subList(0, Math.min(5, unknown.size())))
							+ ((unknown.size() > 5) ? " and " + (unknown.size() - 5) + " more" : "")
							+ "; run job=instruments to list the funds.");
		}
		return symbols;
	}

	/** Six digits, with or without .OF, at most {@value #MAX_CODES}, each once. */
	static List<String> codes(@Nullable List<String> codes) {
		if (codes == null || codes.isEmpty()) {
			throw new InvalidInputException("codes", "codes lists at least one fund code, like 000001.");
		}
		if (codes.size() > MAX_CODES) {
			throw new InvalidInputException("codes",
					"At most " + MAX_CODES + " fund codes a request, not " + codes.size() + ".");
		}
		Set<String> symbols = new LinkedHashSet<>();
		for (String code : codes) {
			String typed = (code != null) ? code.strip().toUpperCase(Locale.ROOT) : "";
			if (!CODE.matcher(typed).matches()) {
				String shown = (typed.length() > 20) ? typed.substring(0, 20) + "…" : typed;
				throw new InvalidInputException("codes",
						"'" + shown + "' is not a fund code (six digits, like 000001).");
			}
			symbols.add(typed.endsWith(".OF") ? typed : typed + ".OF");
		}
		return new ArrayList<>(symbols);
	}

	record CodesRequest(@Nullable List<String> codes) {
	}

	record SyncRequest(@Nullable List<String> codes, @Nullable String mode) {
	}

	record HoldRequest(@Nullable BigDecimal units) {
	}

	record Change(String code, String message) {
	}

}
