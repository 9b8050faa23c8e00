package com.marketbase.batch.serve;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import com.marketbase.batch.source.SourceException;
import com.marketbase.batch.support.launch.JobLaunch;
import com.marketbase.batch.support.launch.JobWork;
import com.marketbase.batch.support.launch.RestartCheck;
import com.marketbase.console.job.InvalidLaunchException;
import com.marketbase.console.job.JobFacts;
import com.marketbase.console.job.LaunchField;
import com.marketbase.console.job.LaunchUnavailableException;
import com.marketbase.console.job.Progress;
import com.marketbase.console.job.WorkUnits;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;

/**
 * What the console shows of one job, from the job's own launch: its form with the command
 * line's validation and messages, its progress, its work units and its dataset. Every job
 * of the application is shown this way; the console knows none of them.
 */
final class LaunchFacts implements JobFacts {

	private final JobLaunch launch;

	private final RestartCheck restarts;

	LaunchFacts(JobLaunch launch, RestartCheck restarts) {
		this.launch = launch;
		this.restarts = restarts;
	}

	@Override
	public void checkRestart(JobParameters parameters) {
		try {
			this.restarts.check(parameters);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidLaunchException("source", ex.getMessage());
		}
		catch (SourceException ex) {
			throw new LaunchUnavailableException(ex.getMessage(), ex);
		}
	}

	@Override
	public String jobName() {
		return this.launch.jobName();
	}

	@Override
	public Optional<String> dataset() {
		return Optional.ofNullable(this.launch.dataset());
	}

	@Override
	public List<LaunchField> launchFields() {
		return this.launch.fields()
			.stream()
			.map((field) -> new LaunchField(field.name(), field.description(), field.example()))
			.toList();
	}

	@Override
	public JobParameters parameters(Map<String, String> given) {
		try {
			return this.launch.parameters(given);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidLaunchException(field(ex.getMessage(), given), ex.getMessage());
		}
		catch (SourceException ex) {
			// A launch may read the calendar from the source, or find it unreachable.
			throw new LaunchUnavailableException(ex.getMessage(), ex);
		}
	}

	@Override
	public String alreadyCompleted(JobParameters parameters) {
		return this.launch.alreadyCompleted(parameters);
	}

	@Override
	public Optional<Progress> progress(JobExecution execution) {
		return this.launch.work()
			.progress(execution)
			.map((p) -> Progress.of(p.unitsDone(), p.unitsTotal(), p.rows(), p.rowsPerSecond(), p.eta()));
	}

	@Override
	public WorkUnits workUnits(JobExecution execution) {
		JobWork.Units units = this.launch.work().units(execution);
		return new WorkUnits(units.counts(),
				units.failed()
					.stream()
					.map((unit) -> new WorkUnits.FailedUnit(unit.unit(), unit.day(), unit.error()))
					.toList());
	}

	// The messages name the parameter at fault first; an unknown one is quoted.
	private @Nullable String field(String message, Map<String, String> given) {
		String first = null;
		int at = Integer.MAX_VALUE;
		for (String name : given.keySet()) {
			int found = message.indexOf("'" + name + "'");
			if (found >= 0 && found < at) {
				first = name;
				at = found;
			}
		}
		for (com.marketbase.batch.support.launch.LaunchField field : this.launch.fields()) {
			var matcher = Pattern.compile("(?<![\\w-])" + Pattern.quote(field.name()) + "(?![\\w-])").matcher(message);
			if (matcher.find() && matcher.start() < at) {
				first = field.name();
				at = matcher.start();
			}
		}
		if (first == null && (message.startsWith("Unknown symbols")
				|| (message.startsWith("Not ") && message.contains(" codes ")))) {
			first = "symbols";
		}
		if (first == null && message.contains(" is not configured")) {
			first = "source";
		}
		return first;
	}

}
