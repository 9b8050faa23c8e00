package com.marketbase.batch.rollout;

import java.util.Map;

import com.marketbase.batch.job.reference.ReferenceRuns;
import com.marketbase.batch.sandbox.Sandbox;
import com.marketbase.batch.sandbox.SandboxSettings;
import com.marketbase.batch.warehouse.TestWarehouse;
import org.junit.jupiter.api.BeforeEach;
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
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The rollout switches as an operator uses them on the command line, against the local
 * TimescaleDB and a sandbox speaking Tushare's protocol through the real connector: each
 * change is audited, a switched-off dataset is refused with one line wherever it is
 * launched from, a P2 module switch does nothing while {@code p2Enabled} is off, and the
 * special-permission switch waits for a passed probe.
 */
@ExtendWith(OutputCaptureExtension.class)
class RolloutFlagsIntegrationTests {

	private static final String DAY = "2026-11-20";

	private final JdbcTemplate jdbc = new JdbcTemplate(TestWarehouse.TIMESCALEDB.dataSource());

	@BeforeEach
	void migrate() {
		TestWarehouse.TIMESCALEDB.freshlyMigrated();
	}

	@Test
	void aChangeIsAuditedWithOldAndNewValueWhoWhenAndWhy(CapturedOutput output) {
		try (Sandbox sandbox = sandbox(SandboxSettings.Grant.everything(1_000_000));
				ConfigurableApplicationContext app = ReferenceRuns.application(sandbox, "help")) {
			long before = System.currentTimeMillis();

			assertThat(run(app, "flags", "set", "p1Enabled=false", "--reason", "FX feed answers stale quotes", "--by",
					"alice"))
				.as(output.getAll())
				.isZero();

			long after = System.currentTimeMillis();
			Map<String, Object> change = this.jdbc.queryForMap("select switch_name, old_value, new_value, changed_by, "
					+ "changed_at_ms, reason from market.rollout_switch_changes order by id desc limit 1");
			assertThat(change).containsEntry("switch_name", "p1Enabled")
				.containsEntry("old_value", true)
				.containsEntry("new_value", false)
				.containsEntry("changed_by", "alice")
				.containsEntry("reason", "FX feed answers stale quotes");
			assertThat((Long) change.get("changed_at_ms")).isBetween(before, after);
			Map<String, Object> stored = this.jdbc.queryForMap(
					"select value, updated_at_ms, updated_by from market.rollout_switches where name = 'p1Enabled'");
			assertThat(stored).containsEntry("value", false)
				.containsEntry("updated_at_ms", change.get("changed_at_ms"))
				.containsEntry("updated_by", "alice");
			// Each switch starts the trail with the value it was created with.
			assertThat(this.jdbc.queryForObject(
					"select count(*) from market.rollout_switch_changes where old_value is null", Long.class))
				.isEqualTo(11);
			assertThat(run(app, "flags")).isZero();
			assertThat(output.getOut()).contains("p1Enabled")
				.contains("FX feed answers stale quotes")
				.contains("alice");
			// The trail is append-only.
			assertThatException()
				.isThrownBy(() -> this.jdbc.update("update market.rollout_switch_changes set reason = 'edited'"))
				.withMessageContaining("append-only");
			assertThatException().isThrownBy(() -> this.jdbc.update("delete from market.rollout_switch_changes"))
				.withMessageContaining("append-only");
		}
	}

	@Test
	void refusesAChangeWithoutAReasonOrOfAnUnknownSwitchWithOneLine(CapturedOutput output) {
		try (Sandbox sandbox = sandbox(SandboxSettings.Grant.everything(1_000_000));
				ConfigurableApplicationContext app = ReferenceRuns.application(sandbox, "help")) {
			assertThat(run(app, "flags", "set", "p0Enabled=false")).isEqualTo(2);
			assertThat(run(app, "flags", "set", "p0Enabled=false", "--reason", "x".repeat(301))).isEqualTo(2);
			assertThat(run(app, "flags", "set", "p9Enabled=true", "--reason", "typo")).isEqualTo(2);
			assertThat(run(app, "flags", "set", "p0Enabled=maybe", "--reason", "typo")).isEqualTo(2);

			assertThat(output.getErr()).contains("A change needs a reason: flags set p0Enabled=false --reason")
				.contains("The reason has 301 characters; at most 300 are kept.")
				.contains("Unknown switch 'p9Enabled'; switches: p0Enabled, p1Enabled, p2Enabled, ")
				.contains("A switch is true or false, not 'maybe'")
				.doesNotContain("\tat ");
			assertThat(this.jdbc.queryForObject(
					"select count(*) from market.rollout_switch_changes where old_value is not null", Long.class))
				.isZero();
			assertThat(this.jdbc.queryForObject("select value from market.rollout_switches where name = 'p0Enabled'",
					Boolean.class))
				.isTrue();
		}
	}

	@Test
	void aSwitchedOffDatasetIsRefusedWithOneLineAndTheChainSkipsIt(CapturedOutput output) {
		try (Sandbox sandbox = Sandbox.start(SandboxSettings.defaults()
			.withUniverse(50, 5, 0)
			.withTokens(Map.of(SandboxSettings.TOKEN, SandboxSettings.Grant.everything(1_000_000))));
				ConfigurableApplicationContext app = ReferenceRuns.application(sandbox, "help")) {
			assertThat(run(app, "flags", "set", "p0Enabled=false", "--reason", "P0 gate failed")).isZero();

			assertThat(run(app, "job=daily", "trade_date=" + DAY, "source=tushare")).isEqualTo(2);

			String refusal = "daily is switched off: p0Enabled=false (set it with: flags set p0Enabled=true "
					+ "--reason …)";
			assertThat(output.getErr().lines().filter((line) -> line.contains("switched off")).toList())
				.containsExactly(refusal);
			assertThat(sandbox.calls("tushare:daily")).isZero();

			// The chain runs the calendar and the instruments, which are never switched
			// off, and skips every P0 dataset with the same line.
			assertThat(run(app, "chain", "trade_date=" + DAY, "source=tushare")).as(output.getAll()).isZero();
			assertThat(this.jdbc.queryForList("select job_name || ' ' || outcome from market.chain_modules "
					+ "where job_name in ('calendar', 'instruments', 'daily', 'index_daily', 'etf_daily') order by position",
					String.class))
				.containsExactly("calendar completed", "instruments completed", "daily skipped", "index_daily skipped",
						"etf_daily skipped");
			assertThat(this.jdbc.queryForList("select reason from market.chain_modules where job_name = 'etf_daily'",
					String.class))
				.containsExactly("etf_daily is switched off: p0Enabled=false (set it with: flags set p0Enabled=true "
						+ "--reason …)");
			assertThat(jobInstances("daily") + jobInstances("etf_daily") + jobInstances("index_daily")).isZero();

			// Back on, a module switch that is off still refuses its dataset, naming
			// itself.
			assertThat(run(app, "flags", "set", "p0Enabled=true", "--reason", "gate passed")).isZero();
			assertThat(run(app, "flags", "set", "universeIndexDailyEnabled=false", "--reason", "wave 1 rolled back"))
				.isZero();
			assertThat(run(app, "job=index_daily", "trade_date=" + DAY, "source=tushare")).isEqualTo(2);
			assertThat(output.getErr()).contains("index_daily is switched off: universeIndexDailyEnabled=false "
					+ "(set it with: flags set universeIndexDailyEnabled=true --reason …)");
			assertThat(run(app, "job=daily", "trade_date=" + DAY, "source=tushare")).as(output.getAll()).isZero();
		}
	}

	@Test
	void aP2ModuleSwitchHasNoEffectWhileP2IsOff(CapturedOutput output) {
		try (Sandbox sandbox = sandbox(SandboxSettings.Grant.everything(1_000_000));
				ConfigurableApplicationContext app = ReferenceRuns.application(sandbox, "help")) {
			RolloutSwitches switches = app.getBean(RolloutSwitches.class);
			assertThat(run(app, "flags", "set", "p2Enabled=false", "--reason", "P0/P1 gate not stable")).isZero();
			assertThat(run(app, "flags", "set", "p2RealtimeEquityEtfV1=false", "--reason", "test")).isZero();

			assertThat(run(app, "flags", "set", "p2RealtimeEquityEtfV1=true", "--reason", "wave ready")).isZero();

			assertThat(output.getOut()).contains("p2RealtimeEquityEtfV1: false -> true by ")
				.contains("without effect while its batch switch is off");
			RolloutSwitch module = switches.find("p2RealtimeEquityEtfV1").orElseThrow();
			assertThat(module.value()).isTrue();
			assertThat(module.effective()).isFalse();
			assertThat(switches.offSwitch("minute_1m")).isEqualTo("p2Enabled");
			assertThat(run(app, "job=minute_1m", "trade_date=" + DAY, "symbols=600000.SH", "source=tushare"))
				.isEqualTo(2);
			assertThat(output.getErr()).contains("minute_1m is switched off: p2Enabled=false");
			assertThat(jobInstances("minute_1m")).isZero();

			assertThat(run(app, "flags", "set", "p2Enabled=true", "--reason", "gate passed")).isZero();
			assertThat(switches.find("p2RealtimeEquityEtfV1").orElseThrow().effective()).isTrue();
			assertThat(switches.offSwitch("minute_1m")).isNull();
		}
	}

	@Test
	void theSpecialPermissionSwitchWaitsForAPassedProbe(CapturedOutput output) {
		String name = "p2SpecialPermissionStkPremarketV1";
		try (Sandbox refusing = sandbox(SandboxSettings.Grant.everything(1_000_000));
				ConfigurableApplicationContext app = ReferenceRuns.application(refusing, "help")) {
			assertThat(run(app, "flags", "set", name + "=true", "--reason", "bought it")).isEqualTo(2);
			assertThat(output.getErr()).contains(name + " stays off: no probe of tushare stk_premarket is recorded");

			assertThat(run(app, "probe", "tushare")).as(output.getAll()).isZero();
			assertThat(run(app, "flags", "set", name + "=true", "--reason", "bought it")).isEqualTo(2);

			assertThat(output.getErr()).contains(name + " stays off: the latest probe of tushare stk_premarket (")
				.contains("was refused: Tushare Pro refused stk_premarket: the token has no permission for "
						+ "stk_premarket (code 40203: 抱歉，您没有接口(stk_premarket)访问权限");
			assertThat(this.jdbc.queryForObject("select value from market.rollout_switches where name = ?",
					Boolean.class, name))
				.isFalse();
		}
		try (Sandbox granting = sandbox(SandboxSettings.Grant.everythingWith(1_000_000, "stk_premarket"));
				ConfigurableApplicationContext app = ReferenceRuns.application(granting, "help")) {
			assertThat(run(app, "probe", "tushare")).as(output.getAll()).isZero();

			assertThat(run(app, "flags", "set", name + "=true", "--reason", "bought it")).as(output.getAll()).isZero();

			assertThat(this.jdbc.queryForObject("select value from market.rollout_switches where name = ?",
					Boolean.class, name))
				.isTrue();
			assertThat(this.jdbc.queryForObject("select count(*) from market.rollout_switch_changes "
					+ "where switch_name = ? and old_value = false and new_value = true", Long.class, name))
				.isOne();
			// Turning it off needs no probe.
			assertThat(run(app, "flags", "set", name + "=false", "--reason", "permission lapsed")).isZero();
		}
	}

	private long jobInstances(String job) {
		return this.jdbc.queryForObject("select count(*) from batch_job_instance where job_name = ?", Long.class, job);
	}

	private static Sandbox sandbox(SandboxSettings.Grant grant) {
		return Sandbox
			.start(SandboxSettings.defaults().withUniverse(50, 5, 0).withTokens(Map.of(SandboxSettings.TOKEN, grant)));
	}

	// The command line as the jar runs it: CliRunner is package-private in cli.
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
