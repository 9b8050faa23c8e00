package com.marketbase.console.action;

/**
 * What an action did.
 *
 * @param execution the execution it concerns: the new one for a restart or launch
 * @param status that execution's status right after the action
 * @param message one sentence for the person who asked
 */
public record ActionResult(long execution, String status, String message) {
}
