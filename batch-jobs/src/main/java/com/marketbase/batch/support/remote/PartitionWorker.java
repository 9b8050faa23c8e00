package com.marketbase.batch.support.remote;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

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
import org.springframework.batch.integration.partition.StepExecutionRequestHandler;
import org.springframework.beans.factory.BeanFactory;

/**
 * A worker process: takes partition requests from the broker, one at a time per thread,
 * and runs them with Spring Batch's {@link StepExecutionRequestHandler} and this
 * process's own source credentials. The framework's handler runs whatever it is given;
 * around it, a request runs only if its partition has not begun and this worker's claim
 * on it is the first, so that a request the broker delivers twice runs once. The request
 * is acknowledged once claimed: a partition that outlives its worker is found by the
 * heartbeat, not by a redelivery.
 */
public final class PartitionWorker implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(PartitionWorker.class);

	private final RemoteWorkers workers;

	private final BeanFactory beans;

	private final CountDownLatch stopped = new CountDownLatch(1);

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
		if (concurrency < 1 || concurrency > 64) {
			throw new IllegalArgumentException("--concurrency takes 1 to 64 partitions at once.");
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
		channel.basicAck(tag, false);
		run(id, request, step);
	}

	private void run(String id, PartitionRequest request, StepExecution claimed) {
		StepExecutionRequestHandler handler = new StepExecutionRequestHandler();
		handler.setJobRepository(this.workers.repository());
		handler.setStepLocator((name) -> this.beans.getBean(name, Step.class));
		// The partitions' step may be job-scoped: its thread joins the job's scope.
		JobSynchronizationManager.register(claimed.getJobExecution());
		String status = "FAILED";
		try {
			logger.info("Worker {}: running {} of execution {}.", id, claimed.getStepName(),
					claimed.getJobExecutionId());
			StepExecution ran = handler.handle(request.request());
			status = ran.getStatus().toString();
			if (ran.getStatus() == BatchStatus.FAILED && ran.getEndTime() == null) {
				// The step failed before it could record its end; record it here.
				ran.setEndTime(java.time.LocalDateTime.now());
				this.workers.repository().update(ran);
			}
			logger.info("Worker {}: {} of execution {} ended {}.", id, claimed.getStepName(),
					claimed.getJobExecutionId(), status);
		}
		catch (RuntimeException ex) {
			logger.warn("Worker {}: {} of execution {} failed: {}", id, claimed.getStepName(),
					claimed.getJobExecutionId(), Broker.reason(ex));
		}
		finally {
			JobSynchronizationManager.close();
			try {
				this.workers.registry().finished(claimed.getId(), status);
			}
			catch (RuntimeException ex) {
				logger.warn("Worker {}: the end of {} could not be recorded ({}).", id, claimed.getStepName(),
						Broker.reason(ex));
			}
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
