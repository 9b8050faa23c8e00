package com.marketbase.batch;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Entry point of {@code batch.jar}: runs jobs from the command line and, in server mode,
 * the web console.
 */
@SpringBootApplication
public class BatchJobsApplication {

	public static void main(String[] args) {
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
