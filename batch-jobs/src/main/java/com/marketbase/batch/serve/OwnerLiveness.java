package com.marketbase.batch.serve;

import com.marketbase.batch.support.execution.ExecutionOwner;
import com.marketbase.console.execution.ExecutionLiveness;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.stereotype.Component;

/**
 * Judges an execution's process by the owner every job records: on this host its process
 * id can be checked; elsewhere it cannot.
 */
@Component
class OwnerLiveness implements ExecutionLiveness {

	@Override
	public Verdict of(JobExecution execution) {
		ExecutionOwner owner = ExecutionOwner.of(execution);
		if (owner == null || !owner.host().equals(ExecutionOwner.current().host())) {
			return Verdict.UNKNOWN;
		}
		return owner.isDeadHere() ? Verdict.GONE : Verdict.ALIVE;
	}

}
