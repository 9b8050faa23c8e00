-- A quarantined unit waits for a person. Releasing it (batch.jar quarantine release, or the console)
-- resolves its failure so that the next run offers it again, and records who released it, when and why.
alter table market.failed_work_units
	add column released_by text,
	add column release_reason text;

alter table market.failed_work_units add constraint failed_work_units_release_check
	check ((released_by is null) = (release_reason is null));
