package com.marketbase.batch.source.tushare;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

import com.marketbase.batch.warehouse.reference.CodeChange;
import com.marketbase.batch.support.rows.Fetched;
import com.marketbase.batch.source.AnswerShape;
import com.marketbase.batch.source.Json;
import com.marketbase.batch.warehouse.reference.FundListing;
import com.marketbase.batch.warehouse.reference.Listing;
import com.marketbase.batch.support.rows.RejectedRow;
import com.marketbase.batch.source.SourceName;
import com.marketbase.batch.source.Units;

/**
 * Reads Tushare's reference lists of every asset class into {@link Listing}s: stocks with
 * their listing status and dates ({@code stock_basic}), exchange-traded funds
 * ({@code fund_basic}), indexes ({@code index_basic}), futures contracts
 * ({@code fut_basic}), SGE spot contracts ({@code sge_basic}), FX pairs
 * ({@code fx_obasic}) and the Beijing re-coding ({@code bse_mapping}). Each list is paged
 * past its row cap; a row that cannot be read is rejected with its reason.
 */
public final class TushareListings {

	/**
	 * Per-call row caps as documented ({@code index_basic}: none documented, a guess).
	 */
	static final Map<String, Integer> CAPS = Map.of("stock_basic", 6000, "fund_basic", 15000, "index_basic", 5000,
			"fut_basic", 10000, "sge_basic", 100, "fx_obasic", 5000, "bse_mapping", 1000);

	/**
	 * The index code suffixes the warehouse keeps, with the exchange column they give.
	 */
	private static final Map<String, String> INDEX_EXCHANGES = Map.of("SH", "SSE", "SZ", "SZSE", "BJ", "BSE", "CSI",
			"CSI", "SI", "SW");

	private static final Pattern LEADING_NUMBER = Pattern.compile("^\\s*(\\d+(?:\\.\\d+)?)");

	private final TushareClient client;

	/** An ordinary contract: the product's letters, the month's digits, the exchange. */
	private static final Pattern CONTRACT = Pattern.compile("([A-Za-z]+)\\d{3,4}\\.([A-Z]{3})");

	public TushareListings(TushareClient client) {
		this.client = client;
	}

	/**
	 * The A-shares with one listing status, with listing and delisting dates.
	 * @param listStatus {@code L} listed, {@code D} delisted, {@code P} paused
	 * @return the stocks, by code
	 */
	public Fetched<Listing> stocks(String listStatus) {
		return paged("stock_basic", Map.of("list_status", listStatus),
				List.of("ts_code", "name", "exchange", "list_date", "list_status", "delist_date"), (row) -> {
					String status = row.get("list_status").isString() ? row.get("list_status").stringValue()
							: listStatus;
					return Listing.stock(Json.requiredText(row.get("ts_code"), "ts_code"),
							Json.requiredText(row.get("name"), "name"),
							Json.requiredText(row.get("exchange"), "exchange"), date(row.get("list_date")),
							date(row.get("delist_date")), status);
				});
	}

	/**
	 * The exchange-traded funds ({@code fund_basic}, market E), listed and delisted;
	 * funds still being issued have no listing yet and are left out.
	 * @return the funds, by code
	 */
	public Fetched<Listing> exchangeFunds() {
		Fetched<Listing> all = paged("fund_basic", Map.of("market", "E"),
				List.of("ts_code", "name", "list_date", "delist_date", "status"), (row) -> {
					String status = row.get("status").isString() ? row.get("status").stringValue() : "L";
					if (status.equals("I")) {
						return null;
					}
					return Listing.exchangeFund(Json.requiredText(row.get("ts_code"), "ts_code"),
							Json.requiredText(row.get("name"), "name"), date(row.get("list_date")),
							date(row.get("delist_date")));
				});
		return all;
	}

	/**
	 * The open-end funds ({@code fund_basic}, market O) with their type, so that
	 * money-market funds are told apart; funds still being issued are left out. Their
	 * NAVs start at inception ({@code found_date}), so that is their listing day.
	 * @return the funds, by code
	 */
	public Fetched<FundListing> openEndFunds() {
		Fetched<FundListing> all = pagedRows(
				"fund_basic", Map.of("market", "O"), List.of("ts_code", "name", "fund_type", "invest_type",
						"management", "custodian", "benchmark", "found_date", "list_date", "delist_date", "status"),
				(row) -> {
					String status = row.get("status").isString() ? row.get("status").stringValue() : "L";
					if (status.equals("I")) {
						return null;
					}
					String fundType = Json.requiredText(row.get("fund_type"), "fund_type");
					LocalDate found = date(row.get("found_date"));
					LocalDate start = (found != null) ? found : date(row.get("list_date"));
					return new FundListing(
							FundListing.listing(Json.requiredText(row.get("ts_code"), "ts_code"),
									Json.requiredText(row.get("name"), "name"), start, date(row.get("delist_date"))),
							fundType, fundType.equals(FundListing.MONEY_MARKET), Json.text(row.get("invest_type")),
							Json.text(row.get("management")), Json.text(row.get("custodian")),
							Json.text(row.get("benchmark")), found);
				}, "ts_code");
		List<FundListing> items = new ArrayList<>(all.items());
		items.sort(Comparator.comparing((fund) -> fund.listing().symbol()));
		return new Fetched<>(items, all.rejected());
	}

	/**
	 * The indexes one publisher's market lists ({@code index_basic}). Only Chinese
	 * exchange, CSI and SW indexes are kept (codes ending {@code .SH}, {@code .SZ},
	 * {@code .BJ}, {@code .CSI}, {@code .SI}); the others the market lists (global
	 * indexes without a suffix, Nanhua's) are not warehouse instruments and are skipped.
	 * @param market {@code SSE}, {@code SZSE}, {@code CSI}, {@code OTH}, ...
	 * @return the indexes, by code
	 */
	public Fetched<Listing> indexes(String market) {
		return paged("index_basic", Map.of("market", market),
				List.of("ts_code", "name", "market", "list_date", "exp_date"), (row) -> {
					String code = Json.requiredText(row.get("ts_code"), "ts_code");
					int dot = code.lastIndexOf('.');
					String exchange = (dot > 0) ? INDEX_EXCHANGES.get(code.substring(dot + 1)) : null;
					if (exchange == null) {
						return null;
					}
					LocalDate end = date(row.get("exp_date"));
					return new Listing(code, Json.requiredText(row.get("name"), "name"), exchange, "index",
							date(row.get("list_date")), end, (end != null) ? "D" : "L", new BigDecimal("0.01"), 1,
							"CNY");
				});
	}

	/**
	 * The ordinary futures contracts of one exchange ({@code fut_basic}, type 1; main and
	 * continuous series are not contracts). Tushare's {@code delist_date} is the last
	 * trading day; the listing's delisting day is the day after it.
	 * @param exchange {@code CFFEX}, {@code SHFE}, {@code DCE}, {@code CZCE}, {@code INE}
	 * or {@code GFEX}
	 * @return the contracts, by code
	 */
	public Fetched<Listing> futures(String exchange) {
		Fetched<Listing> contracts = contracts(exchange);
		List<Listing> all = new ArrayList<>(contracts.items());
		all.addAll(mainContracts(contracts.items()));
		return new Fetched<>(all, contracts.rejected());
	}

	/**
	 * The main-contract codes of the products the contracts belong to, in Tushare's form
	 * ({@code IF.CFX} for IF2412.CFX): {@code fut_mapping} resolves each to a contract
	 * per day. A code trades from its first contract's listing until its last contract's
	 * delisting (for as long as any contract still trades).
	 */
	private static List<Listing> mainContracts(List<Listing> contracts) {
		Map<String, List<Listing>> byProduct = new LinkedHashMap<>();
		for (Listing contract : contracts) {
			Matcher code = CONTRACT.matcher(contract.symbol());
			if (code.matches()) {
				byProduct.computeIfAbsent(code.group(1) + "." + code.group(2), (main) -> new ArrayList<>())
					.add(contract);
			}
		}
		List<Listing> mains = new ArrayList<>();
		byProduct.forEach((main, listed) -> {
			boolean undated = listed.stream().anyMatch((contract) -> contract.listDate() == null);
			boolean open = listed.stream().anyMatch((contract) -> contract.delistDate() == null);
			LocalDate first = undated ? null
					: listed.stream().map(Listing::listDate).min(Comparator.naturalOrder()).orElseThrow();
			LocalDate last = open ? null
					: listed.stream().map(Listing::delistDate).max(Comparator.naturalOrder()).orElseThrow();
			Listing any = listed.get(0);
			mains.add(new Listing(main, main.substring(0, main.indexOf('.')) + " main contract", any.exchange(),
					"future_main", first, last, "L", any.tickSize(), 1, any.currency()));
		});
		return mains;
	}

	private Fetched<Listing> contracts(String exchange) {
		return paged("fut_basic", Map.of("exchange", exchange, "fut_type", "1"),
				List.of("ts_code", "exchange", "name", "quote_unit_desc", "list_date", "delist_date"), (row) -> {
					LocalDate lastTrade = date(row.get("delist_date"));
					LocalDate delisted = (lastTrade != null) ? lastTrade.plusDays(1) : null;
					return new Listing(Json.requiredText(row.get("ts_code"), "ts_code"),
							Json.requiredText(row.get("name"), "name"),
							Json.requiredText(row.get("exchange"), "exchange"), "future", date(row.get("list_date")),
							delisted, "L", tick(row.get("quote_unit_desc")), 1, "CNY");
				});
	}

	/**
	 * The SGE spot contracts ({@code sge_basic}), priced in CNY per gram or kilogram.
	 * @return the contracts, by code
	 */
	public Fetched<Listing> spotContracts() {
		return paged("sge_basic", Map.of(), List.of("ts_code", "ts_name", "min_change", "list_date"),
				(row) -> new Listing(Json.requiredText(row.get("ts_code"), "ts_code"),
						Json.requiredText(row.get("ts_name"), "ts_name"), "SGE", "spot", date(row.get("list_date")),
						null, "L", positive(Json.requiredDecimal(row.get("min_change"), "min_change"), "min_change")
							.stripTrailingZeros(),
						1, "CNY"));
	}

	/**
	 * The FX pairs of the overseas broker list ({@code fx_obasic}, classify FX), quoted
	 * in the pair's second currency.
	 * @return the pairs, by code
	 */
	public Fetched<Listing> fxPairs() {
		return paged("fx_obasic", Map.of("classify", "FX"), List.of("ts_code", "name", "exchange", "pip"), (row) -> {
			String code = Json.requiredText(row.get("ts_code"), "ts_code");
			String pair = code.substring(0, Math.max(0, code.indexOf('.')));
			if (!pair.matches("[A-Z]{6}")) {
				throw new IllegalArgumentException("'" + code + "' is not a currency pair");
			}
			return new Listing(code, Json.requiredText(row.get("name"), "name"),
					Json.requiredText(row.get("exchange"), "exchange").toUpperCase(Locale.ROOT), "fx", null, null, "L",
					positive(Json.requiredDecimal(row.get("pip"), "pip"), "pip").stripTrailingZeros(), 1,
					pair.substring(3));
		});
	}

	/**
	 * The Beijing stocks re-coded from their legacy 43/83/87 codes to 920 codes
	 * ({@code bse_mapping}).
	 * @return the changes, by new code
	 */
	public Fetched<CodeChange> codeChanges() {
		Fetched<CodeChange> fetched = pagedRows("bse_mapping", Map.of(),
				List.of("name", "o_code", "n_code", "list_date"),
				(row) -> new CodeChange(Json.requiredText(row.get("o_code"), "o_code"),
						Json.requiredText(row.get("n_code"), "n_code"), Json.requiredText(row.get("name"), "name"),
						date(row.get("list_date"))),
				"n_code");
		List<CodeChange> items = new ArrayList<>(fetched.items());
		items.sort(Comparator.comparing(CodeChange::symbol));
		return new Fetched<>(items, fetched.rejected());
	}

	private Fetched<Listing> paged(String apiName, Map<String, Object> params, List<String> fields,
			Function<TushareTable.Row, Listing> reader) {
		Fetched<Listing> fetched = pagedRows(apiName, params, fields, reader, "ts_code");
		List<Listing> items = new ArrayList<>(fetched.items());
		items.sort(Comparator.comparing(Listing::symbol));
		return new Fetched<>(items, fetched.rejected());
	}

	/**
	 * Pages with {@code limit}/{@code offset} until a page comes back shorter than the
	 * limit. A reader returning {@code null} skips a row the warehouse does not keep.
	 */
	private <T> Fetched<T> pagedRows(String apiName, Map<String, Object> params, List<String> fields,
			Function<TushareTable.Row, T> reader, String codeColumn) {
		int limit = CAPS.get(apiName);
		List<T> items = new ArrayList<>();
		List<RejectedRow> rejected = new ArrayList<>();
		for (int offset = 0;; offset += limit) {
			Map<String, Object> page = new LinkedHashMap<>(params);
			page.put("limit", limit);
			page.put("offset", offset);
			TushareTable table = this.client.call(apiName, page, fields);
			for (TushareTable.Row row : table.named()) {
				try {
					T item = reader.apply(row);
					if (item != null) {
						items.add(item);
					}
				}
				catch (RuntimeException ex) {
					AnswerShape.requireColumnOf(ex, this.client.source(), apiName, table.fields());
					JsonNode code = row.get(codeColumn);
					rejected.add(new RejectedRow(this.client.source().key(), apiName,
							code.isString() ? code.stringValue() : null, "cannot read the row: " + ex.getMessage(),
							row.toString()));
				}
			}
			if (table.size() < limit) {
				return new Fetched<>(items, rejected);
			}
		}
	}

	private static LocalDate date(JsonNode node) {
		if (node == null || !node.isString() || node.stringValue().isBlank()) {
			return null;
		}
		return Units.compactDate(node.stringValue().strip());
	}

	/** The price step a contract's quote description starts with ("0.2点", "1元/吨"). */
	private static BigDecimal tick(JsonNode description) {
		Matcher number = LEADING_NUMBER.matcher(description.isString() ? description.stringValue() : "");
		if (number.find() && new BigDecimal(number.group(1)).signum() > 0) {
			return new BigDecimal(number.group(1)).stripTrailingZeros();
		}
		// A description without a leading number says nothing usable; one point is the
		// step that never claims more precision than the source gave.
		return BigDecimal.ONE;
	}

	private static BigDecimal positive(BigDecimal value, String name) {
		if (value.signum() <= 0) {
			throw new IllegalArgumentException(name + " " + value.toPlainString() + " is not positive");
		}
		return value;
	}

}
