package com.marketbase.batch.support.remote;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.marketbase.batch.support.execution.FailureCause;
import com.rabbitmq.client.Channel;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareMessageListener;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.scope.context.JobSynchronizationManager;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.context.SmartLifecycle;

/**
 * A worker process: takes partition requests from the broker, one at a time per thread,
 * and runs them as Spring Batch's {@code StepExecutionRequestHandler} does, with this
 * process's own source credentials. The framework's handler runs whatever it is given;
 * here a request runs only if its partition has not begun and this worker's claim on it
 * is the first, so that a request the broker delivers twice runs once, and the step runs
 * on the very execution the check read, so that a partition failed meanwhile (its version
 * moved on) cannot be taken back to STARTED. A request is acknowledged when its partition
 * has ended: with one unacknowledged request per thread, a busy worker holds no request
 * another could run. A partition that outlives its worker is found by the heartbeat; its
 * redelivered request finds the claim taken.
 */
public final class PartitionWorker implements SmartLifecycle, AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(PartitionWorker.class);

	static final int MAX_CONCURRENCY = 8;

	private final RemoteWorkers workers;

	private final BeanFactory beans;

	private final CountDownLatch stopped = new CountDownLatch(1);

	private final AtomicInteger running = new AtomicInteger();

	private volatile @Nullable SimpleMessageListenerContainer container;

	private volatile @Nullable ScheduledExecutorService heartbeat;

	private volatile @Nullable String workerId;

	public PartitionWorker(RemoteWorkers workers, BeanFactory beans) {
		this.workers = workers;
		this.beans = beans;
	}

	/**
	 * Starts taking partitions and returns; {@link #awaitStop()} waits for the end.
	 * @param concurrency how many partitions this process runs at once
	 * @return a line for the person who started it
	 * @throws IllegalStateException in one sentence when the broker cannot be reached
	 */
	public synchronized String start(int concurrency) {
		// Each running partition can hold two connections of the pool (its chunk's and
		// the
		// quota's); the heartbeat needs one too.
		if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
			throw new IllegalArgumentException("--concurrency takes 1 to " + MAX_CONCURRENCY
					+ " partitions at once; start more workers for more.");
		}
		Broker broker = this.workers.requireBroker();
		WorkersProperties properties = this.workers.properties();
		String host = host();
		long pid = ProcessHandle.current().pid();
		String id = host + ":" + pid + ":" + Long.toString(System.currentTimeMillis(), 36);
		this.workers.registry().register(id, host, pid, properties.credential(), concurrency);
		this.workerId = id;
		ScheduledExecutorService beats = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "worker-heartbeat");
			thread.setDaemon(true);
			return thread;
		});
		long every = properties.heartbeatInterval().toMillis();
		beats.scheduleWithFixedDelay(() -> beat(id), every, every, TimeUnit.MILLISECONDS);
		this.heartbeat = beats;

		SimpleMessageListenerContainer listener = new SimpleMessageListenerContainer(broker.connections());
		listener.setQueueNames(broker.queue());
		listener.setConcurrentConsumers(concurrency);
		// One request at a time per thread: a request waiting in a busy worker's buffer
		// is
		// one an idle worker could have run.
		listener.setPrefetchCount(1);
		listener.setAcknowledgeMode(AcknowledgeMode.MANUAL);
		// However the process is stopped, running partitions may finish first.
		listener.setShutdownTimeout(properties.drainTimeout().toMillis());
		listener.setMessageListener((ChannelAwareMessageListener) (message, channel) -> take(id, message, channel));
		listener.start();
		this.container = listener;
		return "Worker " + host + " pid " + pid + " (credential " + properties.credential() + ") takes partitions from "
				+ broker.describe() + " (queue " + broker.queue() + "), " + concurrency
				+ " at a time; stop it with Ctrl-C.";
	}

	public void awaitStop() throws InterruptedException {
		this.stopped.await();
	}

	private void beat(String id) {
		try {
			this.workers.registry().heartbeat(id);
		}
		catch (RuntimeException ex) {
			logger.warn("Worker {}: the heartbeat could not be written ({}).", id, Broker.reason(ex));
		}
	}

	private void take(String id, Message message, @Nullable Channel channel) throws Exception {
		if (channel == null) {
			return;
		}
		long tag = message.getMessageProperties().getDeliveryTag();
		PartitionRequest request;
		try {
			request = PartitionRequest.parse(new String(message.getBody(), StandardCharsets.UTF_8));
		}
		catch (IllegalArgumentException ex) {
			logger.warn("Worker {}: dropped a message that is {}.", id, ex.getMessage());
			channel.basicReject(tag, false);
			return;
		}
		if (!this.workers.runs(request.stepBean())) {
			logger.warn("Worker {}: dropped a request for {}, which is not a step workers run.", id,
					request.stepBean());
			channel.basicReject(tag, false);
			return;
		}
		StepExecution step;
		try {
			step = this.workers.repository().getStepExecution(request.stepExecutionId());
			if (step == null || step.getStatus() != BatchStatus.STARTING) {
				logger.info("Worker {}: partition {} is {}; its request is skipped.", id, request.stepExecutionId(),
						(step == null) ? "unknown" : step.getStatus());
				channel.basicAck(tag, false);
				return;
			}
			if (!this.workers.registry().claim(step.getId(), step.getJobExecutionId(), step.getStepName(), id)) {
				logger.info("Worker {}: partition {} was taken by {}; this request for it is skipped.", id,
						step.getStepName(), this.workers.registry().claimant(step.getId()));
				channel.basicAck(tag, false);
				return;
			}
		}
		catch (RuntimeException ex) {
			// The warehouse cannot be read: the request goes back for this or another
			// worker, after a pause that keeps a dead database from making a busy loop.
			logger.warn("Worker {}: partition request {} put back ({}).", id, request.text(), Broker.reason(ex));
			Thread.sleep(1000);
			channel.basicNack(tag, false, true);
			return;
		}
		this.running.incrementAndGet();
		try {
			run(id, request, step);
		}
		finally {
			this.running.decrementAndGet();
			channel.basicAck(tag, false);
		}
	}

	private void run(String id, PartitionRequest request, StepExecution claimed) {
		// The partitions' step may be job-scoped: its thread joins the job's scope.
		JobSynchronizationManager.register(claimed.getJobExecution());
		String status = "FAILED";
		try {
			logger.info("Worker {}: running {} of execution {}.", id, claimed.getStepName(),
					claimed.getJobExecutionId());
			Step step = this.beans.getBean(request.stepBean(), Step.class);
			try {
				step.execute(claimed);
			}
			catch (JobInterruptedException ex) {
				claimed.setStatus(BatchStatus.STOPPED);
			}
			catch (Throwable ex) {
				claimed.addFailureException(ex);
				claimed.setStatus(BatchStatus.FAILED);
			}
			status = claimed.getStatus().toString();
			// A step that never began (it could not be built) has no end stored:
			// recordEnd
			// closes it instead.
			if (claimed.getStatus() == BatchStatus.FAILED && claimed.getEndTime() != null) {
				describeFailure(id, claimed);
			}
			logger.info("Worker {}: {} of execution {} ended {}.", id, claimed.getStepName(),
					claimed.getJobExecutionId(), status);
		}
		finally {
			JobSynchronizationManager.close();
			recordEnd(id, claimed);
			try {
				this.workers.registry().finished(claimed.getId(), status);
			}
			catch (RuntimeException ex) {
				logger.warn("Worker {}: the end of {} could not be recorded ({}).", id, claimed.getStepName(),
						Broker.reason(ex));
			}
		}
	}

	// The launching process reads why a partition failed from the job repository, where
	// the framework stores a stack trace cut to its column's length, often before the
	// cause. The cause's sentence goes first; the launching process waits for it until
	// this worker records the partition's end.
	private void describeFailure(String id, StepExecution claimed) {
		String cause = FailureCause.of(claimed);
		String description = claimed.getExitStatus().getExitDescription();
		if (cause == null || description.startsWith(cause)) {
			return;
		}
		try {
			claimed.setExitStatus(new ExitStatus(claimed.getExitStatus().getExitCode(), cause + "\n" + description));
			this.workers.repository().update(claimed);
		}
		catch (RuntimeException ex) {
			logger.warn("Worker {}: why {} failed could not be recorded ({}).", id, claimed.getStepName(),
					Broker.reason(ex));
		}
	}

	// A partition the repository still shows running after its step returned (the step's
	// last update failed, or it never began) would keep the launching process waiting:
	// it is failed here.
	private void recordEnd(String id, StepExecution claimed) {
		try {
			StepExecution stored = this.workers.repository().getStepExecution(claimed.getId());
			if (stored != null && stored.getStatus().isRunning()) {
				stored.setStatus(BatchStatus.FAILED);
				stored.setExitStatus(ExitStatus.FAILED.addExitDescription("partition " + stored.getStepName()
						+ " ended on its worker without its end being recorded; restart the execution to run it again"));
				stored.setEndTime(java.time.LocalDateTime.now());
				this.workers.repository().update(stored);
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Worker {}: {} could not be checked after its run ({}); the launching process fails it "
					+ "when this worker's heartbeat stops.", id, claimed.getStepName(), Broker.reason(ex));
		}
	}

	private static String host() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			return "unknown-host";
		}
	}

	// Stopped first, before the context destroys any bean a running partition needs.
	@Override
	public int getPhase() {
		return Integer.MAX_VALUE;
	}

	// Started by the worker command, with its concurrency.
	@Override
	public boolean isAutoStartup() {
		return false;
	}

	@Override
	public void start() {
	}

	@Override
	public boolean isRunning() {
		return this.container != null;
	}

	/**
	 * Drains this worker: it takes no more requests, and the partitions it runs finish
	 * (their requests are acknowledged) within {@code marketbase.workers.drain-timeout}.
	 * The broker client interrupts one that does not and closes its channel; the worker
	 * is then recorded stopped, so the launching process fails the partition at once, for
	 * a restart, and its request goes back to the queue.
	 */
	@Override
	public void stop() {
		SimpleMessageListenerContainer listener = this.container;
		if (listener != null) {
			Duration drain = this.workers.properties().drainTimeout();
			int busy = this.running.get();
			if (busy > 0) {
				logger.info("Worker {}: stopping; {} running partition(s) may finish first, for at most {}.",
						this.workerId, busy, drain);
			}
			listener.setShutdownTimeout(drain.toMillis());
			listener.stop();
		}
		close();
	}

	@Override
	public synchronized void close() {
		SimpleMessageListenerContainer listener = this.container;
		if (listener != null) {
			listener.stop();
			this.container = null;
		}
		ScheduledExecutorService beats = this.heartbeat;
		if (beats != null) {
			beats.shutdownNow();
			this.heartbeat = null;
		}
		String id = this.workerId;
		if (id != null) {
			try {
				this.workers.registry().stopped(id);
			}
			catch (RuntimeException ex) {
				logger.warn("Worker {}: its stop could not be recorded ({}).", id, Broker.reason(ex));
			}
			this.workerId = null;
		}
		this.stopped.countDown();
	}

}
