package com.marketbase.batch.job.reference;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.marketbase.batch.BatchJobsApplication;
import com.marketbase.batch.support.launch.JobLaunch;
import com.marketbase.batch.sandbox.Sandbox;
import com.marketbase.batch.sandbox.SandboxSettings;
import com.marketbase.batch.source.Secret;
import com.marketbase.batch.source.SourceGate;
import com.marketbase.batch.source.SourceHttp;
import com.marketbase.batch.source.SourceName;
import com.marketbase.batch.source.SourceSettings;
import com.marketbase.batch.source.SourceStates;
import com.marketbase.batch.source.quota.CallQuota;
import com.marketbase.batch.source.tushare.TushareClient;
import com.marketbase.batch.warehouse.TestWarehouse;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What the reference job tests share: the application pointed at a sandbox through the
 * real Tushare connector, and launches through the jobs' own {@link JobLaunch}.
 */
public final class ReferenceRuns {

	private ReferenceRuns() {
	}

	public static Sandbox sandbox() {
		return Sandbox.start(SandboxSettings.defaults()
			.withTokens(Map.of(SandboxSettings.TOKEN, SandboxSettings.Grant.everything(1_000_000))));
	}

	public static List<String> arguments(Sandbox sandbox, String... more) {
		List<String> args = new ArrayList<>(List.of("--spring.datasource.url=" + TestWarehouse.TIMESCALEDB.jdbcUrl(),
				"--marketbase.sources.tushare.base-url=" + sandbox.baseUrl(),
				"--marketbase.sources.tushare.token=" + SandboxSettings.TOKEN,
				"--marketbase.sources.tushare.calls-per-minute[default]=1000000"));
		args.addAll(List.of(more));
		return args;
	}

	public static ConfigurableApplicationContext application(Sandbox sandbox, String... more) {
		return SpringApplication.run(BatchJobsApplication.class, arguments(sandbox, more).toArray(new String[0]));
	}

	/**
	 * Starts a job as the command line does: its parameters read by its launch bean.
	 * @param app the application
	 * @param jobName the job's name
	 * @param parameters the typed parameters
	 * @return the finished execution
	 * @throws Exception when the launch is refused
	 */
	public static JobExecution launch(ConfigurableApplicationContext app, String jobName,
			Map<String, String> parameters) throws Exception {
		Job job = app.getBeansOfType(Job.class)
			.values()
			.stream()
			.filter((candidate) -> candidate.getName().equals(jobName))
			.findFirst()
			.orElseThrow();
		JobLaunch launch = app.getBeansOfType(JobLaunch.class)
			.values()
			.stream()
			.filter((candidate) -> candidate.jobName().equals(jobName))
			.findFirst()
			.orElseThrow();
		return app.getBean(JobOperator.class).start(job, launch.parameters(parameters));
	}

	/**
	 * The sandbox's own Tushare answers, read past the application, to check the
	 * warehouse against.
	 * @param sandbox the sandbox
	 * @return a client of the sandbox
	 */
	public static TushareClient client(Sandbox sandbox) {
		SourceSettings settings = SourceSettings.direct(sandbox.baseUrl());
		return new TushareClient(new SourceHttp(SourceName.TUSHARE, settings),
				new SourceGate(SourceName.TUSHARE, settings, CallQuota.unlimited(), new SourceStates()),
				Secret.of(SandboxSettings.TOKEN));
	}

}
