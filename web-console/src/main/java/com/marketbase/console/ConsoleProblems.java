package com.marketbase.console;

import java.net.URI;
import java.util.Arrays;
import java.util.Collection;

import com.marketbase.console.action.ActionConflictException;
import com.marketbase.console.action.UnknownJobException;
import com.marketbase.console.funds.UnknownFundException;
import com.marketbase.console.execution.ExecutionNotFoundException;
import com.marketbase.console.job.InvalidLaunchException;
import com.marketbase.console.job.LaunchUnavailableException;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.TypeMismatchException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every refusal of the API into an RFC 9457 problem: 400 with the field and the
 * reason, 404 for what does not exist, 409 for an action the state forbids. Spring MVC's
 * own exceptions keep their statuses and become problems too.
 */
@RestControllerAdvice
class ConsoleProblems extends ResponseEntityExceptionHandler {

	/** The longest detail a problem carries. */
	static final int MAX_DETAIL = 1000;

	@ExceptionHandler
	ProblemDetail notFound(ExecutionNotFoundException ex) {
		return problem(HttpStatus.NOT_FOUND, "Execution not found", ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail unknownJob(UnknownJobException ex) {
		return problem(HttpStatus.NOT_FOUND, "Job not found", ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail unknownFund(UnknownFundException ex) {
		return problem(HttpStatus.NOT_FOUND, "Fund not found", ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail conflict(ActionConflictException ex) {
		return problem(HttpStatus.CONFLICT, "Not possible in this state", ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail invalidLaunch(InvalidLaunchException ex) {
		return invalid("Invalid job parameters", ex.field(), ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail launchUnavailable(LaunchUnavailableException ex) {
		return problem(HttpStatus.SERVICE_UNAVAILABLE, "Cannot launch now", ex.getMessage());
	}

	// A statement stopped at the console's time limit, or because its client went: no
	// stack trace in the log, one sentence in the answer.
	@ExceptionHandler
	ProblemDetail cancelled(QueryTimeoutException ex) {
		return problem(HttpStatus.SERVICE_UNAVAILABLE, "The warehouse did not answer in time",
				"The warehouse did not answer within the console's time limit; ask for fewer days or try again later.");
	}

	@ExceptionHandler
	ProblemDetail invalidInput(InvalidInputException ex) {
		return invalid("Invalid request", ex.field(), ex.getMessage());
	}

	@Override
	protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		String field = (ex instanceof MethodArgumentTypeMismatchException mismatch) ? mismatch.getName()
				: ex.getPropertyName();
		Class<?> type = ex.getRequiredType();
		// A list parameter (status=FAILED,...) names the list's type; the allowed values
		// are its elements'.
		if (ex instanceof MethodArgumentTypeMismatchException mismatch && type != null
				&& Collection.class.isAssignableFrom(type)) {
			type = mismatch.getParameter().nested().getNestedParameterType();
		}
		String reason = "'" + ConsoleText.shown(ex.getValue()) + "' is not a valid "
				+ ((type != null) ? type.getSimpleName() : "value");
		if (type != null && type.isEnum()) {
			reason += "; use one of " + Arrays.toString(type.getEnumConstants());
		}
		reason += ".";
		return ResponseEntity.badRequest().body(invalid("Invalid request", field, reason));
	}

	@Override
	protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return ResponseEntity.badRequest()
			.body(invalid("Invalid request", ex.getParameterName(), ex.getParameterName() + " is required."));
	}

	private static ProblemDetail invalid(String title, @Nullable String field, String reason) {
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, title, reason);
		problem.setProperty("field", (field != null) ? ConsoleText.shown(field) : null);
		problem.setProperty("reason", problem.getDetail());
		return problem;
	}

	static ProblemDetail problem(HttpStatus status, String title, String detail) {
		// An answer never grows with the request: a detail is cut at MAX_DETAIL
		// characters.
		String text = (detail != null) ? detail : title;
		String bounded = (text.length() <= MAX_DETAIL) ? text : text.substring(0, MAX_DETAIL) + "…";
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, bounded);
		problem.setTitle(title);
		problem.setType(URI.create("about:blank"));
		return problem;
	}

}
