package com.marketbase.console.log;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.scope.context.JobContext;
import org.springframework.batch.core.scope.context.JobSynchronizationManager;
import org.springframework.batch.core.scope.context.StepContext;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;

/**
 * Writes every log event of a thread that runs a job or step to that execution's file.
 * Spring Batch registers the running execution with the thread (partition workers
 * included), so no job has to tag its log lines.
 */
class ExecutionLogAppender extends AppenderBase<ILoggingEvent> {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
		.withZone(ZoneId.systemDefault());

	private final Path directory;

	ExecutionLogAppender(Path directory) {
		this.directory = directory;
		setName("marketbase-execution-log");
	}

	static @Nullable Long currentExecution() {
		StepContext step = StepSynchronizationManager.getContext();
		if (step != null) {
			return step.getStepExecution().getJobExecutionId();
		}
		JobContext job = JobSynchronizationManager.getContext();
		return (job != null) ? job.getJobExecution().getId() : null;
	}

	@Override
	protected void append(ILoggingEvent event) {
		Long execution = currentExecution();
		if (execution == null) {
			return;
		}
		StringBuilder line = new StringBuilder().append(TIME.format(Instant.ofEpochMilli(event.getTimeStamp())))
			.append(' ')
			.append(event.getLevel())
			.append(" [")
			.append(event.getThreadName())
			.append("] ")
			.append(event.getLoggerName())
			.append(": ")
			.append(event.getFormattedMessage())
			.append(System.lineSeparator());
		for (IThrowableProxy cause = event.getThrowableProxy(); cause != null; cause = cause.getCause()) {
			line.append("  caused by ")
				.append(cause.getClassName())
				.append(": ")
				.append(cause.getMessage())
				.append(System.lineSeparator());
		}
		write(ExecutionLogs.file(this.directory, execution), line.toString());
	}

	private static synchronized void write(Path file, String text) {
		try {
			Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write the execution log " + file, ex);
		}
	}

}
