package com.marketbase.batch.support.remote;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.batch.integration.partition.StepExecutionRequest;

/**
 * A partition request as it travels: {@code <step bean>/<step execution id>} in plain
 * text, so that a worker deserializes no Java objects from the broker.
 *
 * @param stepBean the bean name of the partition's step
 * @param stepExecutionId the partition's step execution
 */
record PartitionRequest(String stepBean, long stepExecutionId) {

	private static final Pattern TEXT = Pattern.compile("([A-Za-z][A-Za-z0-9_.]{0,99})/(\\d{1,18})");

	static PartitionRequest of(StepExecutionRequest request) {
		return new PartitionRequest(request.getStepName(), request.getStepExecutionId());
	}

	/**
	 * Reads a request's text.
	 * @throws IllegalArgumentException for anything but a request
	 */
	static PartitionRequest parse(String text) {
		Matcher matcher = TEXT.matcher(text.strip());
		if (!matcher.matches()) {
			throw new IllegalArgumentException(
					"not a partition request: '" + text.substring(0, Math.min(80, text.length())) + "'");
		}
		return new PartitionRequest(matcher.group(1), Long.parseLong(matcher.group(2)));
	}

	String text() {
		return this.stepBean + "/" + this.stepExecutionId;
	}

}
