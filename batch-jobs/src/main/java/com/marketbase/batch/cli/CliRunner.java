package com.marketbase.batch.cli;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import com.marketbase.batch.chain.Chain;
import com.marketbase.batch.coverage.CoverageProperties;
import com.marketbase.batch.coverage.CoverageQueries;
import com.marketbase.batch.coverage.Freshness;
import com.marketbase.batch.gate.Gate;
import com.marketbase.batch.probe.PermissionProbe;
import com.marketbase.batch.quality.QualityRules;
import com.marketbase.batch.selftest.SelfTest;
import com.marketbase.batch.rollout.RolloutSwitches;
import com.marketbase.batch.support.launch.JobLaunch;
import com.marketbase.batch.support.launch.LaunchSources;
import com.marketbase.batch.support.execution.LoadProgress;
import com.marketbase.batch.sandbox.Sandbox;
import com.marketbase.batch.support.units.Quarantine;
import com.marketbase.batch.support.remote.PartitionWorker;
import com.marketbase.batch.support.remote.RemoteWorkers;
import com.marketbase.batch.support.remote.WorkerRegistry;
import com.marketbase.batch.warehouse.WarehouseInfo;
import com.marketbase.batch.warehouse.storage.StoragePolicies;
import com.marketbase.batch.sandbox.SandboxSettings;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Runs what the command line asks for and turns the outcome into the process exit code: 0
 * only when the work completed, 1 when a job did not complete, 2 when the arguments were
 * refused before anything ran, 3 when the job repository's state forbids the action.
 */
@Component
@ConditionalOnProperty(name = "marketbase.cli.enabled", matchIfMissing = true)
class CliRunner implements ApplicationRunner, ExitCodeGenerator {

	private final JobCommands commands;

	private final Console console;

	private final CoverageCommands coverage;

	private final QuarantineCommands quarantine;

	private final ChainCommands chains;

	private final FlagCommands flags;

	private final WorkerCommands workers;

	private final StorageCommands storage;

	private final QualityCommands quality;

	private final SelfTestCommands selfTest;

	private int exitCode;

	CliRunner(List<Job> jobs, List<JobLaunch> launches, JobOperator operator, JobRepository repository,
			DataSource dataSource, LoadProgress progress, LaunchSources sources, CoverageQueries coverageQueries,
			Freshness freshness, CoverageProperties coverageProperties, Clock clock, Chain chain, Gate gate,
			RolloutSwitches switches, PermissionProbe probe,
			@Value("${marketbase.warehouse.reconnect-wait:60s}") Duration reconnectWait, RemoteWorkers workers,
			PartitionWorker worker, WorkerRegistry registry, WarehouseInfo warehouse, SelfTest selfTest,
			StoragePolicies storagePolicies) {
		this.console = Console.system();
		QualityRules rules = new QualityRules(dataSource);
		this.coverage = new CoverageCommands(coverageQueries, freshness, coverageProperties, clock, this.console,
				rules);
		this.quality = new QualityCommands(rules, clock, coverageProperties.zone(), this.console);
		this.quarantine = new QuarantineCommands(new Quarantine(dataSource), this.console);
		this.chains = new ChainCommands(chain, gate, this.console);
		this.flags = new FlagCommands(switches, probe, this.console);
		this.commands = new JobCommands(jobs, launches, operator, repository, dataSource, progress, sources,
				this.console, System.console() != null, reconnectWait, workers);
		this.workers = new WorkerCommands(worker, registry, workers.properties(), this.console);
		this.storage = new StorageCommands(dataSource, warehouse, storagePolicies, this.console);
		this.selfTest = new SelfTestCommands(selfTest, this.console);
	}

	@Override
	public void run(ApplicationArguments args) {
		CommandLine commandLine;
		try {
			commandLine = CommandLine.parse(args.getNonOptionArgs());
		}
		catch (IllegalArgumentException ex) {
			this.console.refuse(ex.getMessage() + System.lineSeparator() + CommandLine.USAGE);
			this.exitCode = JobCommands.EXIT_REFUSED;
			return;
		}
		this.exitCode = switch (commandLine.command()) {
			case "sandbox" -> runSandbox(List.of(args.getSourceArgs()));
			case "help" -> {
				this.console.say(CommandLine.USAGE + System.lineSeparator() + "Jobs: " + this.commands.jobNames());
				yield JobCommands.EXIT_COMPLETED;
			}
			case "list" -> this.commands.list();
			case "storage" -> this.storage.storage();
			case "quality" -> this.quality.quality(commandLine.arguments());
			case "worker" -> this.workers.worker(after("worker", List.of(args.getSourceArgs())));
			case "workers" -> this.workers.workers(commandLine.arguments());
			case "coverage" -> this.coverage.coverage(commandLine.arguments());
			case "check" -> this.coverage.check(commandLine.arguments());
			case "quarantine" -> this.quarantine.run(after("quarantine", List.of(args.getSourceArgs())));
			case "gate" -> this.chains.gate(after("gate", List.of(args.getSourceArgs())));
			case "flags" -> this.flags.flags(after("flags", List.of(args.getSourceArgs())));
			case "probe" -> this.flags.probe(after("probe", List.of(args.getSourceArgs())));
			case "selftest" -> this.selfTest.selftest(after("selftest", List.of(args.getSourceArgs())));
			case "chain" -> {
				Map<String, String> parameters = new LinkedHashMap<>(commandLine.parameters());
				Integer notToday = this.coverage.settleToday(parameters);
				yield (notToday != null) ? notToday : this.chains.chain(parameters);
			}
			// The web server started with the application and keeps the process running.
			case "serve" -> JobCommands.EXIT_COMPLETED;
			case "restart" -> this.commands.restart(commandLine.executionId());
			case "stop" -> this.commands.stop(commandLine.executionId());
			case "abandon" -> this.commands.abandon(commandLine.executionId());
			default -> {
				Map<String, String> parameters = new LinkedHashMap<>(commandLine.parameters());
				Integer notToday = this.coverage.settleToday(parameters);
				yield (notToday != null) ? notToday : this.commands.start(commandLine.target(), parameters);
			}
		};
	}

	private int runSandbox(List<String> args) {
		SandboxSettings settings;
		try {
			settings = SandboxSettings.defaults()
				.withTodayFromClock()
				.withPort(Integer.parseInt(CommandLine.option(args, "port", "7700")))
				.withSeed(Long.parseLong(CommandLine.option(args, "seed", "42")));
		}
		catch (NumberFormatException ex) {
			this.console.refuse("--port and --seed take whole numbers." + System.lineSeparator() + CommandLine.USAGE);
			return JobCommands.EXIT_REFUSED;
		}
		Sandbox sandbox = Sandbox.start(settings);
		Runtime.getRuntime().addShutdownHook(new Thread(sandbox::close, "sandbox-shutdown"));
		this.console.say(
				"Source sandbox on " + sandbox.baseUrl() + ": Tushare at / and /dataapi (token " + SandboxSettings.TOKEN
						+ "), TDX gateway under /api/, Eastmoney at /f10/lsjz, /mm/newCore/FundValuationLast and "
						+ "/js/{code}.js (retired: 301). " + "Stop it with Ctrl-C.");
		try {
			sandbox.awaitClose();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			sandbox.close();
		}
		return JobCommands.EXIT_COMPLETED;
	}

	// The raw arguments after a command's word, its options included.
	private static List<String> after(String command, List<String> args) {
		int at = args.indexOf(command);
		return (at < 0) ? List.of() : args.subList(at + 1, args.size());
	}

	@Override
	public int getExitCode() {
		return this.exitCode;
	}

}
