package com.marketbase.batch.support.execution;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;

/**
 * What made an execution fail, in the words of the code that knew: a source's failure
 * ("Tushare Pro stk_mins failed for now: ... answered an HTML page ...") rather than the
 * framework's "Partition handler returned an unsuccessful step", which only says that a
 * worker failed. Marketbase's own exceptions carry sentences meant for a person; the
 * framework's carry class names and stack traces.
 */
public final class FailureCause {

	private static final String OWN = "com.marketbase.";

	private static final Pattern CLASS_NAME = Pattern.compile("([a-z_][a-z0-9_]*\\.)+[A-Z][\\w$]*(:|\\s|$)");

	private FailureCause() {
	}

	/**
	 * The sentence that says why an execution failed.
	 * @param execution the execution, with its steps' failures
	 * @return the first line of the most telling failure, or {@code null} when it has
	 * none
	 */
	public static @Nullable String of(JobExecution execution) {
		String own = own(execution);
		if (own != null) {
			return own;
		}
		String description = execution.getExitStatus().getExitDescription();
		if (!description.isBlank() && !startsWithAClassName(description)) {
			return firstLine(description);
		}
		return execution.getAllFailureExceptions()
			.stream()
			.findFirst()
			.map((failure) -> firstLine(root(failure).getMessage()))
			.orElse(null);
	}

	/**
	 * An execution's exit status with its cause in words at the start of its description:
	 * Marketbase's own sentence when one of its exceptions failed it, and otherwise the
	 * framework's message in place of a leading class name (Spring Batch writes a stack
	 * trace there).
	 * @param execution the failed execution
	 * @return the status to set, unchanged when its description starts with the cause
	 */
	public static ExitStatus describe(JobExecution execution) {
		ExitStatus exit = execution.getExitStatus();
		String description = exit.getExitDescription();
		String cause = own(execution);
		if (cause == null && (description.isBlank() || startsWithAClassName(description))) {
			cause = execution.getAllFailureExceptions()
				.stream()
				.findFirst()
				.map((failure) -> firstLine(root(failure).getMessage()))
				.orElse(null);
		}
		if (cause == null || description.startsWith(cause)) {
			return exit;
		}
		return new ExitStatus(exit.getExitCode(), description.isEmpty() ? cause : cause + "\n" + description);
	}

	/**
	 * The sentence that says why a step failed, as {@link #of(JobExecution)} finds it for
	 * an execution.
	 * @param step the step, with its failures
	 * @return the first line of the most telling failure, or {@code null} when it has
	 * none
	 */
	public static @Nullable String of(StepExecution step) {
		String own = own(step.getFailureExceptions());
		if (own != null) {
			return own;
		}
		return step.getFailureExceptions()
			.stream()
			.findFirst()
			.map((failure) -> firstLine(root(failure).getMessage()))
			.orElse(null);
	}

	/**
	 * The sentence at the start of a stored description, as a person should read it: the
	 * message of one of Marketbase's exceptions without its class name, a sentence
	 * itself, or nothing when the description starts with another class's name (a
	 * framework's stack trace).
	 * @param description a step's or an execution's exit description
	 * @return the sentence, or {@code null}
	 */
	public static @Nullable String sentence(@Nullable String description) {
		if (description == null || description.isBlank()) {
			return null;
		}
		String first = firstLine(description);
		if (first.startsWith(OWN)) {
			int colon = first.indexOf(": ");
			return (colon > 0) ? first.substring(colon + 2).strip() : null;
		}
		return startsWithAClassName(first) ? null : first;
	}

	private static @Nullable String own(JobExecution execution) {
		return own(execution.getAllFailureExceptions());
	}

	private static @Nullable String own(java.util.Collection<Throwable> failures) {
		for (Throwable failure : failures) {
			Throwable own = own(failure);
			if (own != null && own.getMessage() != null) {
				return firstLine(own.getMessage());
			}
		}
		return null;
	}

	// "org.springframework.batch.core.job.JobExecutionException: ..." as Spring Batch
	// writes it.
	private static boolean startsWithAClassName(String description) {
		return CLASS_NAME.matcher(description).lookingAt();
	}

	// The outermost of Marketbase's own exceptions in a failure's chain of causes.
	private static @Nullable Throwable own(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause.getClass().getName().startsWith(OWN)) {
				return cause;
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return null;
	}

	private static Throwable root(Throwable failure) {
		Throwable cause = failure;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		return cause;
	}

	private static String firstLine(@Nullable String message) {
		if (message == null || message.isBlank()) {
			return "no reason given";
		}
		int newline = message.indexOf('\n');
		return ((newline > 0) ? message.substring(0, newline) : message).strip();
	}

}
