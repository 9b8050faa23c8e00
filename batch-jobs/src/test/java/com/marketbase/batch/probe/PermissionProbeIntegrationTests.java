package com.marketbase.batch.probe;

import java.util.List;
import java.util.Map;

import com.marketbase.batch.job.reference.ReferenceRuns;
import com.marketbase.batch.sandbox.Sandbox;
import com.marketbase.batch.sandbox.SandboxSettings;
import com.marketbase.batch.warehouse.TestWarehouse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code probe tushare} against a sandbox reached through the real Tushare connector and
 * the shared quota: every endpoint is asked once, granted and refused ones are recorded
 * side by side with the source's own text, and a refusal never ends the probe.
 */
@ExtendWith(OutputCaptureExtension.class)
class PermissionProbeIntegrationTests {

	private static final List<String> TUSHARE = List.of("trade_cal", "stock_basic", "daily", "adj_factor", "suspend_d",
			"index_daily", "fund_daily", "stk_mins", "idx_mins", "fut_daily", "fut_mapping", "sge_daily", "fx_daily",
			"daily_basic", "moneyflow", "fina_indicator", "disclosure_date", "cn_gdp", "cn_cpi", "cn_ppi", "cn_m",
			"shibor", "shibor_lpr", "us_tycr", "eco_cal", "stk_premarket", "rt_k", "rt_min_daily");

	@Test
	void recordsEachEndpointGrantedOrRefusedAndCountsItsCallsOnTheSharedQuota(CapturedOutput output) {
		TestWarehouse.TIMESCALEDB.freshlyMigrated();
		JdbcTemplate jdbc = new JdbcTemplate(TestWarehouse.TIMESCALEDB.dataSource());
		// A token without fund_daily, and like every token without the special
		// permission.
		SandboxSettings.Grant grant = new SandboxSettings.Grant(java.util.Set.of("trade_cal", "stock_basic", "daily",
				"adj_factor", "suspend_d", "index_daily", "stk_mins"), 1_000_000);
		try (Sandbox sandbox = Sandbox
			.start(SandboxSettings.defaults().withUniverse(50, 5, 0).withTokens(Map.of(SandboxSettings.TOKEN, grant)));
				ConfigurableApplicationContext app = ReferenceRuns.application(sandbox, "help")) {

			assertThat(run(app, "probe", "tushare")).as(output.getAll()).isZero();

			Map<String, Boolean> granted = new java.util.LinkedHashMap<>();
			jdbc.query("select endpoint, granted from market.permission_probes where source = 'tushare' order by id",
					(rs) -> {
						granted.put(rs.getString(1), rs.getBoolean(2));
					});
			assertThat(granted.keySet()).containsExactlyElementsOf(TUSHARE);
			assertThat(granted).containsEntry("trade_cal", true)
				.containsEntry("daily", true)
				.containsEntry("stk_mins", true)
				.containsEntry("fund_daily", false)
				.containsEntry("stk_premarket", false)
				.containsEntry("rt_min_daily", false);
			assertThat(jdbc.queryForObject("select message from market.permission_probes where endpoint = 'fund_daily'",
					String.class))
				.contains("抱歉，您没有接口(fund_daily)访问权限");
			assertThat(jdbc.queryForObject("select request from market.permission_probes where endpoint = 'daily'",
					String.class))
				.contains("limit=1")
				.contains("trade_date=");
			// One call each, every one through the warehouse's shared buckets.
			for (String endpoint : TUSHARE) {
				assertThat(sandbox.calls("tushare:" + endpoint)).as(endpoint).isOne();
				assertThat(jdbc.queryForObject("select count(*) from market.rate_limit_buckets where id like ?",
						Long.class, "tushare:" + endpoint + ":%"))
					.as(endpoint)
					.isOne();
			}
			assertThat(output.getOut()).contains("stk_premarket").contains("refused").contains("granted: ");
			assertThat(output.getAll()).doesNotContain(SandboxSettings.TOKEN);
		}
	}

	@Test
	void aGrantedSpecialPermissionIsRecordedAsGranted(CapturedOutput output) {
		TestWarehouse.TIMESCALEDB.freshlyMigrated();
		try (Sandbox sandbox = Sandbox
			.start(SandboxSettings.defaults()
				.withUniverse(50, 5, 0)
				.withTokens(Map.of(SandboxSettings.TOKEN,
						SandboxSettings.Grant.everythingWith(1_000_000, "stk_premarket"))));
				ConfigurableApplicationContext app = ReferenceRuns.application(sandbox, "help")) {

			assertThat(run(app, "probe", "tushare")).as(output.getAll()).isZero();

			ProbeResult premarket = app.getBean(Probes.class).latest("tushare", "stk_premarket").orElseThrow();
			assertThat(premarket.granted()).as(premarket.message()).isTrue();
			assertThat(premarket.message()).startsWith("granted: ");
		}
	}

	static int run(ConfigurableApplicationContext app, String... args) {
		Object cli = app.getBean("cliRunner");
		try {
			((ApplicationRunner) cli).run(new DefaultApplicationArguments(args));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		return ((ExitCodeGenerator) cli).getExitCode();
	}

}
