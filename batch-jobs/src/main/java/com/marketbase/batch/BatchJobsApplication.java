package com.marketbase.batch;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Entry point of {@code batch.jar}: runs jobs from the command line and, in server mode,
 * the web console.
 */
@SpringBootApplication
public class BatchJobsApplication {

	/**
	 * The threads of the JVM's common pool. On a machine of two cores or fewer it has
	 * one, and then {@code CompletableFuture} runs each asynchronous stage on a thread of
	 * its own, started and ended for it; the JDK HTTP client completes every call through
	 * such a stage, so each source call cost a thread. Two threads keep them reused. Set
	 * on the command line, that setting wins.
	 */
	static final String COMMON_POOL_PARALLELISM = "java.util.concurrent.ForkJoinPool.common.parallelism";

	public static void main(String[] args) {
		if (System.getProperty(COMMON_POOL_PARALLELISM) == null && Runtime.getRuntime().availableProcessors() <= 2) {
			System.setProperty(COMMON_POOL_PARALLELISM, "2");
		}
		SpringApplication application = new SpringApplication(BatchJobsApplication.class);
		if (serves(args)) {
			// The serve profile makes it a web application that runs until it is stopped.
			application.setAdditionalProfiles("serve");
			application.run(args);
			return;
		}
		System.exit(SpringApplication.exit(application.run(args)));
	}

	// The first non-option argument is the command.
	static boolean serves(String[] args) {
		for (String arg : args) {
			if (!arg.startsWith("--")) {
				return arg.equals("serve");
			}
		}
		return false;
	}

}
