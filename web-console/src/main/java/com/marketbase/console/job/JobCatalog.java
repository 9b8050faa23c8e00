package com.marketbase.console.job;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.batch.core.job.Job;

/**
 * The jobs this process defines, with their facts where the job offers them.
 */
public class JobCatalog {

	private final Map<String, Job> jobs;

	private final Map<String, JobFacts> facts;

	public JobCatalog(List<Job> jobs, List<JobFacts> facts) {
		this.jobs = new TreeMap<>(jobs.stream().collect(Collectors.toMap(Job::getName, Function.identity())));
		this.facts = facts.stream().collect(Collectors.toMap(JobFacts::jobName, Function.identity()));
	}

	public Optional<Job> job(String name) {
		return Optional.ofNullable(this.jobs.get(name));
	}

	public Optional<JobFacts> facts(String name) {
		return Optional.ofNullable(this.facts.get(name));
	}

	/**
	 * The names of the jobs this process can run.
	 * @return the names, sorted
	 */
	public List<String> names() {
		return List.copyOf(this.jobs.keySet());
	}

}
