package com.marketbase.batch.support.remote;

import java.time.LocalDateTime;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.partition.PartitionHandler;
import org.springframework.batch.core.partition.StepExecutionSplitter;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.partition.MessageChannelPartitionHandler;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.core.MessagingTemplate;

/**
 * The launching side of remote workers: sends a load's partitions to the broker with
 * Spring Batch's {@link MessageChannelPartitionHandler}, which polls the job repository
 * until every partition has ended, and meanwhile fails the partitions of workers whose
 * heartbeat stopped, so that the load ends (FAILED, restartable) instead of waiting for a
 * worker that is gone.
 */
public final class RemoteWorkers implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(RemoteWorkers.class);

	private final WorkersProperties properties;

	private final WorkerRegistry registry;

	private final JobRepository repository;

	private final Set<String> steps = ConcurrentHashMap.newKeySet();

	private final ScheduledExecutorService watchers = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "remote-partitions-watch");
		thread.setDaemon(true);
		return thread;
	});

	private volatile @Nullable Broker broker;

	public RemoteWorkers(WorkersProperties properties, WorkerRegistry registry, JobRepository repository) {
		this.properties = properties;
		this.registry = registry;
		this.repository = repository;
	}

	public WorkersProperties properties() {
		return this.properties;
	}

	WorkerRegistry registry() {
		return this.registry;
	}

	JobRepository repository() {
		return this.repository;
	}

	/**
	 * A partition handler that runs a load's partitions here, or on remote workers when
	 * its launch says {@code workers=remote}.
	 * @param local the handler of local runs
	 * @param stepBean the bean name of the partitions' step, which workers run by that
	 * name
	 * @return the handler
	 */
	public PartitionHandler placed(PartitionHandler local, String stepBean) {
		this.steps.add(stepBean);
		return new PlacedPartitions(local, this, stepBean);
	}

	boolean runs(String stepBean) {
		return this.steps.contains(stepBean);
	}

	/**
	 * The broker, checked: a remote launch refuses to start without it.
	 * @return the broker
	 * @throws IllegalStateException in one sentence when none is configured or it cannot
	 * be reached
	 */
	public Broker requireBroker() {
		Broker current = broker();
		current.check();
		return current;
	}

	/**
	 * Refuses a launch or restart whose partitions would run remotely when the broker
	 * cannot be used, as a launch refuses any other input.
	 * @param consequence what the person should know besides, for example that nothing
	 * was started
	 * @throws IllegalArgumentException in one sentence naming the broker, then the
	 * consequence
	 */
	public void refuseWithoutBroker(String consequence) {
		try {
			requireBroker();
		}
		catch (IllegalStateException ex) {
			throw new IllegalArgumentException(ex.getMessage() + " " + consequence);
		}
	}

	/**
	 * A launch's parameters with where its partitions run: unchanged for a local run; for
	 * a remote one, with {@code workers=remote}, not identifying (where the partitions
	 * run does not change what is loaded, and a restart keeps it), once the broker
	 * answers.
	 * @param identity the launch's parameters
	 * @param asked the launch's {@code workers} value, if it gave one
	 * @return the parameters to launch with
	 * @throws IllegalArgumentException in one sentence when the broker cannot be used
	 */
	public JobParameters placed(JobParameters identity, @Nullable String asked) {
		String placement = this.properties.placement(asked);
		if (!WorkersProperties.REMOTE.equals(placement)) {
			return identity;
		}
		refuseWithoutBroker("Nothing was started; without workers=remote the load runs in this process.");
		return new JobParametersBuilder(identity).addString(WorkersProperties.PARAMETER, placement, false)
			.toJobParameters();
	}

	Broker broker() {
		Broker current = this.broker;
		if (current == null) {
			synchronized (this) {
				current = this.broker;
				if (current == null) {
					String url = this.properties.brokerUrl();
					if (url == null || url.isBlank()) {
						throw new IllegalStateException(
								"Remote workers need a broker: set marketbase.workers.broker-url "
										+ "(ops/broker.sh url prints the local one).");
					}
					current = new Broker(url, this.properties.queue(), this.properties.connectTimeout());
					this.broker = current;
				}
			}
		}
		return current;
	}

	Collection<StepExecution> handle(String stepBean, StepExecutionSplitter splitter, StepExecution manager)
			throws Exception {
		Broker target = requireBroker();
		DirectChannel requests = new DirectChannel();
		requests.subscribe((message) -> {
			StepExecutionRequest request = (StepExecutionRequest) message.getPayload();
			target.send(PartitionRequest.of(request).text());
		});
		MessageChannelPartitionHandler handler = new MessageChannelPartitionHandler();
		handler.setMessagingOperations(new MessagingTemplate(requests));
		handler.setStepName(stepBean);
		handler.setGridSize(this.properties.partitions());
		handler.setJobRepository(this.repository);
		handler.setPollInterval(this.properties.pollInterval().toMillis());
		// The framework's default is to wait forever.
		handler.setTimeout(this.properties.partitionTimeout().toMillis());
		handler.afterPropertiesSet();
		long jobExecutionId = manager.getJobExecutionId();
		long every = this.properties.pollInterval().toMillis();
		ScheduledFuture<?> watch = this.watchers.scheduleWithFixedDelay(() -> failOrphans(jobExecutionId), every, every,
				TimeUnit.MILLISECONDS);
		try {
			Collection<StepExecution> ended = handler.handle(splitter, manager);
			awaitEndsRecorded(jobExecutionId);
			return ended;
		}
		catch (TimeoutException ex) {
			int failed = failUnfinished(jobExecutionId, manager,
					"not finished within marketbase.workers.partition-timeout (" + this.properties.partitionTimeout()
							+ "); restart the execution to run it again");
			throw new IllegalStateException(failed + " remote partitions did not finish within "
					+ this.properties.partitionTimeout() + "; restart the execution to run them again.");
		}
		catch (Exception ex) {
			// The broker or the repository failed while partitions were sent or awaited:
			// none may stay STARTING or STARTED, or the restart could not run them.
			try {
				failUnfinished(jobExecutionId, manager,
						"left unfinished when the launching process failed (" + Broker.reason(ex) + ")");
			}
			catch (RuntimeException notNow) {
				ex.addSuppressed(notNow);
			}
			throw ex;
		}
		finally {
			watch.cancel(false);
		}
	}

	// A worker records a partition's end after its step has ended, having written why
	// it failed: the load's summary waits for that, as long as the worker is alive.
	private void awaitEndsRecorded(long jobExecutionId) throws InterruptedException {
		long deadline = System.nanoTime() + this.properties.heartbeatTimeout().toNanos();
		while (this.registry.endsUnrecorded(jobExecutionId, this.properties.heartbeatTimeout()) > 0) {
			if (System.nanoTime() > deadline) {
				logger.warn("Execution {}: some workers did not record the end of their partitions within {}.",
						jobExecutionId, this.properties.heartbeatTimeout());
				return;
			}
			Thread.sleep(100);
		}
	}

	// Fails in the job repository the partitions whose worker is gone; the polling
	// handler
	// then sees them ended, and the load ends.
	void failOrphans(long jobExecutionId) {
		try {
			for (WorkerRegistry.Orphan orphan : this.registry.orphans(jobExecutionId,
					this.properties.heartbeatTimeout())) {
				// One at a time: a partition that cannot be failed now does not keep the
				// others running.
				try {
					StepExecution step = this.repository.getStepExecution(orphan.stepExecutionId());
					if (step == null || !step.getStatus().isRunning()) {
						continue;
					}
					fail(step, orphan.why());
					this.registry.finished(orphan.stepExecutionId(), "FAILED");
					logger.warn("Execution {}: {}.", jobExecutionId, orphan.why());
				}
				catch (RuntimeException ex) {
					logger.warn("Execution {}: partition {} could not be failed yet ({}).", jobExecutionId,
							orphan.stepName(), Broker.reason(ex));
				}
			}
		}
		catch (RuntimeException ex) {
			// The next round tries again; the partition timeout bounds the wait.
			logger.warn("Execution {}: the workers' heartbeats could not be read ({}).", jobExecutionId,
					Broker.reason(ex));
		}
	}

	private int failUnfinished(long jobExecutionId, StepExecution manager, String why) {
		int failed = 0;
		var job = this.repository.getJobExecution(jobExecutionId);
		if (job == null) {
			return 0;
		}
		for (StepExecution step : job.getStepExecutions()) {
			if (step.getId() != manager.getId() && step.getStatus().isRunning()
					&& step.getStepName().startsWith(manager.getStepName())) {
				try {
					fail(step, "partition " + step.getStepName() + " " + why);
					this.registry.finished(step.getId(), "FAILED");
					failed++;
				}
				catch (RuntimeException ex) {
					logger.warn("Execution {}: partition {} could not be failed ({}).", jobExecutionId,
							step.getStepName(), Broker.reason(ex));
				}
			}
		}
		return failed;
	}

	private void fail(StepExecution step, String why) {
		step.setStatus(BatchStatus.FAILED);
		step.setExitStatus(ExitStatus.FAILED.addExitDescription(why));
		step.setEndTime(LocalDateTime.now());
		this.repository.update(step);
	}

	@Override
	public void close() {
		this.watchers.shutdownNow();
		Broker current = this.broker;
		if (current != null) {
			current.close();
		}
	}

}
