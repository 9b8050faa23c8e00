package com.marketbase.console.log;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;

/**
 * The execution logs of this server: captured while it runs, read back by the console.
 * Executions run by another process (the command line, another server) have their log
 * there, not here.
 */
public class ExecutionLogs implements InitializingBean, DisposableBean {

	private final Path directory;

	private ExecutionLogAppender appender;

	public ExecutionLogs(Path directory) {
		this.directory = directory;
	}

	static Path file(Path directory, long execution) {
		return directory.resolve("execution-" + execution + ".log");
	}

	/**
	 * The log of an execution.
	 * @param execution the execution id
	 * @return its text, empty when this server did not run it
	 */
	public Optional<String> read(long execution) {
		Path file = file(this.directory, execution);
		if (!Files.isRegularFile(file)) {
			return Optional.empty();
		}
		try {
			return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the execution log " + file, ex);
		}
	}

	@Override
	public void afterPropertiesSet() throws IOException {
		Files.createDirectories(this.directory);
		if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
			this.appender = new ExecutionLogAppender(this.directory);
			this.appender.setContext(context);
			this.appender.start();
			context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(this.appender);
		}
	}

	@Override
	public void destroy() {
		if (this.appender != null && LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
			context.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(this.appender);
			this.appender.stop();
		}
	}

}
