package com.marketbase.console.action;

import java.security.Principal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operator's actions on one execution. Restart answers at once with the new
 * execution, which runs on in this server.
 */
@RestController
@RequestMapping("/api/executions/{id}")
@Tag(name = "Actions", description = "Restart, stop, abandon and recover (OPERATOR)")
class ActionController {

	private final ExecutionActions actions;

	ActionController(ExecutionActions actions) {
		this.actions = actions;
	}

	@PostMapping("/restart")
	@ResponseStatus(HttpStatus.ACCEPTED)
	@Operation(summary = "Restart a failed or stopped execution; 409 for a completed, abandoned or running one")
	ActionResult restart(@PathVariable long id, Principal user) {
		return this.actions.restart(id, user.getName());
	}

	@PostMapping("/stop")
	@ResponseStatus(HttpStatus.ACCEPTED)
	@Operation(summary = "Stop a running execution after its current chunk; 409 when it is not running")
	ActionResult stop(@PathVariable long id, Principal user) {
		return this.actions.stop(id, user.getName());
	}

	@PostMapping("/abandon")
	@Operation(summary = "Give up a failed or stopped execution for good; 409 when it runs or completed")
	ActionResult abandon(@PathVariable long id, Principal user) {
		return this.actions.abandon(id, user.getName());
	}

	@PostMapping("/recover")
	@Operation(summary = "Mark an execution left running by a dead process FAILED, so that it can be restarted")
	ActionResult recover(@PathVariable long id, Principal user) {
		return this.actions.recover(id, user.getName());
	}

}
