package com.marketbase.batch.support.launch;

import java.util.Set;

import javax.sql.DataSource;

import com.marketbase.batch.support.remote.RemoteWorkers;
import com.marketbase.batch.support.remote.WorkersProperties;

import org.springframework.batch.core.job.parameters.JobParameters;

/**
 * The source checks of a launch, made again before a restart: the source an execution
 * recorded must still be configured and answering, and a restart must not mix synthetic
 * and real rows where a new launch would be refused for it (an execution of the sandbox,
 * say, from before a warehouse took real data).
 */
public final class RestartCheck {

	private final LaunchSources sources;

	private final MixedSources mixed;

	private final RemoteWorkers workers;

	public RestartCheck(LaunchSources sources, DataSource dataSource, RemoteWorkers workers) {
		this.sources = sources;
		this.workers = workers;
		this.mixed = new MixedSources(dataSource);
	}

	/**
	 * Refuses a restart whose source a launch would refuse now.
	 * @param parameters the parameters of the execution to restart
	 * @throws IllegalArgumentException in one sentence, as a launch would say it
	 */
	public void check(JobParameters parameters) {
		if (WorkersProperties.REMOTE.equals(parameters.getString(WorkersProperties.PARAMETER))) {
			this.workers
				.refuseWithoutBroker("The execution ran on remote workers and restarts on them; nothing was changed.");
		}
		String source = parameters.getString("source");
		if (source == null) {
			return;
		}
		this.sources.resolve(source, null, Set.of(source));
		this.mixed.check(source, this.sources, false);
	}

}
