package com.marketbase.batch.sandbox;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * The rows of Tushare's reference lists beyond {@code stock_basic}: {@code index_basic},
 * {@code fund_basic} (exchange-traded funds, market E, and OTC funds, market O),
 * {@code fut_basic}, {@code sge_basic}, {@code fx_obasic} and {@code bse_mapping}, in the
 * server's column order. The {@link TushareSimulator} wraps them in its envelope, quotas
 * and paging.
 */
final class TushareReferenceAnswers {

	private static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;

	/** The columns of each list, in the server's order. */
	static final Map<String, List<String>> COLUMNS = Map.of("index_basic",
			List.of("ts_code", "name", "fullname", "market", "publisher", "index_type", "category", "base_date",
					"base_point", "list_date", "weight_rule", "desc", "exp_date"),
			"fund_basic",
			List.of("ts_code", "name", "management", "custodian", "fund_type", "found_date", "due_date", "list_date",
					"issue_date", "delist_date", "issue_amount", "m_fee", "c_fee", "duration_year", "p_value",
					"min_amount", "exp_return", "benchmark", "status", "invest_type", "type", "trustee",
					"purc_startdate", "redm_startdate", "market"),
			"fut_basic",
			List.of("ts_code", "symbol", "exchange", "name", "fut_code", "multiplier", "trade_unit", "per_unit",
					"quote_unit", "quote_unit_desc", "d_mode_desc", "list_date", "delist_date", "d_month", "last_ddate",
					"trade_time_desc"),
			"sge_basic", List.of("ts_code", "ts_name", "trade_type", "t_unit", "p_unit", "min_change", "price_limit",
					"min_vol", "max_vol", "trade_mode", "margin_rate", "liq_rate", "trade_time", "list_date"),
			"fx_obasic",
			List.of("ts_code", "name", "classify", "exchange", "min_unit", "max_unit", "pip", "pip_cost",
					"traget_spread", "min_stop_distance", "trading_hours", "break_time"),
			"bse_mapping", List.of("name", "o_code", "n_code", "list_date"));

	/**
	 * The per-call row caps as documented ({@code fx_obasic} sends everything; its cap
	 * here only bounds the sandbox).
	 */
	static final Map<String, Integer> CAPS = Map.of("index_basic", 8000, "fund_basic", 15000, "fut_basic", 10000,
			"sge_basic", 100, "fx_obasic", 5000, "bse_mapping", 1000);

	private static final Map<String, String> FUTURE_SUFFIXES = Map.of("CFFEX", ".CFX", "SHFE", ".SHF", "DCE", ".DCE",
			"CZCE", ".ZCE", "INE", ".INE", "GFEX", ".GFE");

	private final SandboxSettings settings;

	private final Universe universe;

	TushareReferenceAnswers(SandboxSettings settings, Universe universe) {
		this.settings = settings;
		this.universe = universe;
	}

	/**
	 * The name a stock has on a day: a renamed stock has its former name before the
	 * rename.
	 * @param stock the stock
	 * @param lifecycle its listing case, or {@code null}
	 * @param today the day
	 * @return the name
	 */
	static String name(SimulatedInstrument stock, Lifecycle lifecycle, LocalDate today) {
		if (lifecycle != null && lifecycle.kind() == Lifecycle.Kind.RENAMED && today.isBefore(lifecycle.on())) {
			return lifecycle.formerName();
		}
		return stock.name();
	}

	/**
	 * The listing date Tushare gives a stock: a re-coded one keeps the day it first
	 * listed under its old code.
	 * @param stock the stock
	 * @param lifecycle its listing case, or {@code null}
	 * @return the day
	 */
	static LocalDate firstListed(SimulatedInstrument stock, Lifecycle lifecycle) {
		return (lifecycle != null && lifecycle.firstListed() != null) ? lifecycle.firstListed() : stock.listDate();
	}

	List<Map<String, Object>> rows(String api, JsonNode params) {
		return switch (api) {
			case "index_basic" -> indexes(params);
			case "fund_basic" -> funds(params);
			case "fut_basic" -> futures(params);
			case "sge_basic" -> spot(params);
			case "fx_obasic" -> fxPairs(params);
			case "bse_mapping" -> codeChanges(params);
			default -> List.of();
		};
	}

	private List<Map<String, Object>> indexes(JsonNode params) {
		String market = text(params, "market", "SSE");
		String code = text(params, "ts_code", "");
		List<Map<String, Object>> rows = new ArrayList<>();
		for (SimulatedInstrument index : this.universe.of(InstrumentKind.INDEX)) {
			// The SSE and SZSE publish their own indexes; the sandbox files the BSE's
			// under OTH, as it is none of the markets the documentation names.
			String published = switch (index.exchange()) {
				case "SSE", "SZSE" -> index.exchange();
				default -> "OTH";
			};
			if (!published.equals(market) || (!code.isEmpty() && !code.equals(index.symbol()))) {
				continue;
			}
			Map<String, Object> row = new LinkedHashMap<>();
			row.put("ts_code", index.symbol());
			row.put("name", index.name());
			row.put("fullname", index.name() + "指数");
			row.put("market", published);
			row.put("publisher", published.equals("OTH") ? "北交所" : published.equals("SSE") ? "中证指数有限公司" : "深交所");
			row.put("index_type", "综合指数");
			row.put("category", "规模指数");
			row.put("base_date", DATE.format(index.listDate().minusYears(1)));
			row.put("base_point", 1000.0);
			row.put("list_date", DATE.format(index.listDate()));
			row.put("weight_rule", "市值加权");
			row.put("desc", null);
			row.put("exp_date", null);
			rows.add(row);
		}
		return rows;
	}

	private List<Map<String, Object>> funds(JsonNode params) {
		String market = text(params, "market", "E");
		String status = text(params, "status", "");
		String code = text(params, "ts_code", "");
		List<SimulatedInstrument> funds = switch (market) {
			case "E" -> this.universe.of(InstrumentKind.ETF);
			case "O" -> this.universe.all()
				.stream()
				.filter((fund) -> fund.kind() == InstrumentKind.FUND || fund.kind() == InstrumentKind.MONEY_FUND)
				.toList();
			default -> List.of();
		};
		List<Map<String, Object>> rows = new ArrayList<>();
		for (SimulatedInstrument fund : funds) {
			if (fund.listDate().isAfter(this.settings.today()) || (!status.isEmpty() && !status.equals("L"))
					|| (!code.isEmpty() && !code.equals(fund.symbol()))) {
				continue;
			}
			rows.add(market.equals("E") ? exchangeFund(fund) : otcFund(fund));
		}
		return rows;
	}

	private static Map<String, Object> exchangeFund(SimulatedInstrument fund) {
		Map<String, Object> row = new LinkedHashMap<>();
		row.put("ts_code", fund.symbol());
		row.put("name", fund.name());
		row.put("management", "沙盒基金");
		row.put("custodian", "沙盒银行");
		row.put("fund_type", "股票型");
		row.put("found_date", DATE.format(fund.listDate().minusDays(30)));
		row.put("due_date", null);
		row.put("list_date", DATE.format(fund.listDate()));
		row.put("issue_date", DATE.format(fund.listDate().minusDays(45)));
		row.put("delist_date", null);
		row.put("issue_amount", 20.0);
		row.put("m_fee", 0.5);
		row.put("c_fee", 0.1);
		row.put("duration_year", null);
		row.put("p_value", 1.0);
		row.put("min_amount", null);
		row.put("exp_return", null);
		row.put("benchmark", fund.name() + "标的指数收益率");
		row.put("status", "L");
		row.put("invest_type", "被动指数型");
		row.put("type", "契约型开放式");
		row.put("trustee", null);
		row.put("purc_startdate", DATE.format(fund.listDate()));
		row.put("redm_startdate", DATE.format(fund.listDate()));
		row.put("market", "E");
		return row;
	}

	/**
	 * An OTC fund: founded on its first NAV day, which is also its list date here; its
	 * type tells index-like, active and money-market funds apart.
	 */
	private Map<String, Object> otcFund(SimulatedInstrument fund) {
		FundStyle style = this.universe.fundStyle(fund);
		Map<String, Object> row = new LinkedHashMap<>();
		row.put("ts_code", fund.symbol());
		row.put("name", fund.name());
		row.put("management", "沙盒基金");
		row.put("custodian", "沙盒银行");
		row.put("fund_type", switch (style) {
			case INDEX_LIKE -> "股票型";
			case ACTIVE -> "混合型";
			case MONEY_MARKET -> "货币市场型";
		});
		row.put("found_date", DATE.format(fund.listDate()));
		row.put("due_date", null);
		row.put("list_date", DATE.format(fund.listDate()));
		row.put("issue_date", DATE.format(fund.listDate().minusDays(30)));
		row.put("delist_date", null);
		row.put("issue_amount", 20.0);
		row.put("m_fee", switch (style) {
			case INDEX_LIKE -> 0.5;
			case ACTIVE -> 1.2;
			case MONEY_MARKET -> 0.25;
		});
		row.put("c_fee", switch (style) {
			case INDEX_LIKE -> 0.1;
			case ACTIVE -> 0.2;
			case MONEY_MARKET -> 0.08;
		});
		row.put("duration_year", null);
		row.put("p_value", 1.0);
		row.put("min_amount", null);
		row.put("exp_return", null);
		row.put("benchmark", switch (style) {
			case INDEX_LIKE -> "沪深300指数收益率*95%+银行活期存款利率(税后)*5%";
			case ACTIVE -> "沪深300指数收益率*80%+中债综合指数收益率*20%";
			case MONEY_MARKET -> "七天通知存款利率(税后)";
		});
		row.put("status", "L");
		row.put("invest_type", switch (style) {
			case INDEX_LIKE -> "被动指数型";
			case ACTIVE -> "混合型";
			case MONEY_MARKET -> "货币型";
		});
		row.put("type", "契约型开放式");
		row.put("trustee", null);
		row.put("purc_startdate", DATE.format(fund.listDate()));
		row.put("redm_startdate", DATE.format(fund.listDate()));
		row.put("market", "O");
		return row;
	}

	private List<Map<String, Object>> futures(JsonNode params) {
		String exchange = text(params, "exchange", "");
		if (exchange.isEmpty()) {
			throw new IllegalArgumentException("必填参数exchange不能为空");
		}
		String type = text(params, "fut_type", "");
		List<Map<String, Object>> rows = new ArrayList<>();
		if (type.equals("2")) {
			return rows;
		}
		for (SimulatedInstrument future : this.universe.of(InstrumentKind.FUTURE)) {
			if (!future.exchange().equals(exchange) || future.listDate().isAfter(this.settings.today())) {
				continue;
			}
			String contract = future.symbol().substring(0, future.symbol().indexOf('.'));
			String product = contract.replaceAll("[0-9]", "");
			boolean index = exchange.equals("CFFEX");
			LocalDate lastDay = Universe.expiry(future.symbol(), exchange);
			Map<String, Object> row = new LinkedHashMap<>();
			row.put("ts_code", future.symbol());
			row.put("symbol", contract);
			row.put("exchange", exchange);
			row.put("name", future.name());
			row.put("fut_code", product);
			row.put("multiplier", index ? (product.equals("IF") ? 300.0 : 200.0) : null);
			row.put("trade_unit", index ? "点" : "吨");
			row.put("per_unit", index ? null : 10.0);
			row.put("quote_unit", index ? "指数点" : "元(人民币)/吨");
			row.put("quote_unit_desc", cny(future.tickLi()) + (index ? "点" : "元(人民币)/吨"));
			row.put("d_mode_desc", index ? "现金交割" : "实物交割");
			row.put("list_date", DATE.format(future.listDate()));
			row.put("delist_date", DATE.format(lastDay));
			row.put("d_month", DATE.format(lastDay).substring(0, 6));
			row.put("last_ddate", DATE.format(index ? lastDay : lastDay.plusDays(3)));
			row.put("trade_time_desc", null);
			rows.add(row);
		}
		return rows;
	}

	private List<Map<String, Object>> spot(JsonNode params) {
		String codes = text(params, "ts_code", "");
		List<Map<String, Object>> rows = new ArrayList<>();
		for (SimulatedInstrument spot : this.universe.of(InstrumentKind.SPOT)) {
			if (!codes.isEmpty() && !List.of(codes.split(",")).contains(spot.symbol())) {
				continue;
			}
			boolean deferred = spot.symbol().contains("(T+D)");
			Map<String, Object> row = new LinkedHashMap<>();
			row.put("ts_code", spot.symbol());
			row.put("ts_name", spot.name());
			row.put("trade_type", deferred ? "延期" : "现货实盘");
			row.put("t_unit", 1000.0);
			row.put("p_unit", 1.0);
			row.put("min_change", cny(spot.tickLi()));
			row.put("price_limit", deferred ? 0.1 : null);
			row.put("min_vol", 1);
			row.put("max_vol", deferred ? 200 : 50000);
			row.put("trade_mode", deferred ? "T+D" : "T+0");
			row.put("margin_rate", deferred ? 0.1 : null);
			row.put("liq_rate", deferred ? 7.0 : null);
			row.put("trade_time", "白天:9:00至15:30,夜间:19:50 至次日 02:30");
			row.put("list_date", DATE.format(spot.listDate()));
			rows.add(row);
		}
		return rows;
	}

	private List<Map<String, Object>> fxPairs(JsonNode params) {
		String classify = text(params, "classify", "");
		String code = text(params, "ts_code", "");
		List<Map<String, Object>> rows = new ArrayList<>();
		if (!classify.isEmpty() && !classify.equals("FX")) {
			return rows;
		}
		for (SimulatedInstrument pair : this.universe.of(InstrumentKind.FX)) {
			if (!code.isEmpty() && !code.equals(pair.symbol())) {
				continue;
			}
			Map<String, Object> row = new LinkedHashMap<>();
			row.put("ts_code", pair.symbol());
			row.put("name", pair.name());
			row.put("classify", "FX");
			row.put("exchange", pair.exchange());
			row.put("min_unit", 1.0);
			row.put("max_unit", 50000.0);
			row.put("pip", 0.0001);
			row.put("pip_cost", 1.0);
			row.put("traget_spread", 2.0);
			row.put("min_stop_distance", 5.0);
			row.put("trading_hours", "周一05:00-周六05:00");
			row.put("break_time", null);
			rows.add(row);
		}
		return rows;
	}

	private List<Map<String, Object>> codeChanges(JsonNode params) {
		String previous = text(params, "o_code", "");
		String code = text(params, "n_code", "");
		List<Map<String, Object>> rows = new ArrayList<>();
		for (SimulatedInstrument stock : this.universe.of(InstrumentKind.STOCK)) {
			Lifecycle lifecycle = this.universe.lifecycle(stock.symbol());
			if (lifecycle == null || lifecycle.kind() != Lifecycle.Kind.RECODED_TO
					|| !lifecycle.exists(this.settings.today())
					|| (!previous.isEmpty() && !previous.equals(lifecycle.otherSymbol()))
					|| (!code.isEmpty() && !code.equals(stock.symbol()))) {
				continue;
			}
			Map<String, Object> row = new LinkedHashMap<>();
			row.put("name", stock.name());
			row.put("o_code", lifecycle.otherSymbol());
			row.put("n_code", stock.symbol());
			row.put("list_date", DATE.format(lifecycle.firstListed()));
			rows.add(row);
		}
		return rows;
	}

	private static double cny(long li) {
		return li / 1000.0;
	}

	private static String text(JsonNode params, String name, String fallback) {
		JsonNode value = params.path(name);
		return (value.isMissingNode() || value.isNull()) ? fallback : value.asString().strip();
	}

}
