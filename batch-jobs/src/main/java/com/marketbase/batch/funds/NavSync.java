package com.marketbase.batch.funds;

import java.util.List;
import java.util.Map;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobOperator;

import com.marketbase.batch.support.launch.JobLaunch;

/**
 * Brings funds' NAV history in line with the source: a {@code fund_nav} run over their
 * whole history ({@code mode=full} without dates), as a new job instance each time, so
 * that it shows in the job history like any load.
 */
final class NavSync {

	static final String JOB = "fund_nav";

	private final Job job;

	private final JobLaunch launch;

	private final JobOperator operator;

	private final String source;

	NavSync(Job job, JobLaunch launch, JobOperator operator, String source) {
		this.job = job;
		this.launch = launch;
		this.operator = operator;
		this.source = source;
	}

	/**
	 * Runs the sync now, in this thread.
	 * @param symbols the funds, for example {@code 000001.OF}
	 * @return one line: the execution and how it ended
	 */
	String run(List<String> symbols) {
		JobParameters parameters = this.launch.parameters(
				Map.of("symbols", String.join(",", symbols), "source", this.source, "mode", "full", "force", "true"));
		JobExecution execution;
		try {
			execution = this.operator.start(this.job, parameters);
		}
		catch (Exception ex) {
			throw new IllegalStateException("fund_nav could not run: " + ex.getMessage(), ex);
		}
		String exit = execution.getExitStatus().getExitDescription();
		String line = "fund_nav execution " + execution.getId() + " "
				+ ((execution.getStatus() == BatchStatus.COMPLETED) ? "completed" : "ended " + execution.getStatus())
				+ (exit.isBlank() ? "" : ": " + exit.lines().findFirst().orElse(""));
		if (execution.getStatus() != BatchStatus.COMPLETED) {
			// The queue tries a failed sync again.
			throw new IllegalStateException(line);
		}
		return line;
	}

}
