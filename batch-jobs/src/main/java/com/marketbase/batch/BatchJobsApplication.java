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
		System.exit(SpringApplication.exit(SpringApplication.run(BatchJobsApplication.class, args)));
	}

}
