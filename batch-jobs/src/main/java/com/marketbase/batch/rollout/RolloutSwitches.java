package com.marketbase.batch.rollout;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import com.marketbase.batch.probe.ProbeResult;
import com.marketbase.batch.probe.Probes;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads and changes the rollout switches in {@code market.rollout_switches}, each change
 * written together with its entry in the trail {@code market.rollout_switch_changes} in
 * one statement, and tells whether a dataset may be launched.
 */
public class RolloutSwitches {

	private static final Logger logger = LoggerFactory.getLogger(RolloutSwitches.class);

	/** The longest reason a change may give. */
	public static final int MAX_REASON = 300;

	/** The longest name of who changes a switch. */
	public static final int MAX_BY = 64;

	private final JdbcTemplate jdbc;

	private final Probes probes;

	private final Clock clock;

	public RolloutSwitches(DataSource dataSource, Probes probes, Clock clock) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.probes = probes;
		this.clock = clock;
	}

	/**
	 * Every switch, batch switches first, then the modules of each batch by name.
	 * @return the switches with their effective values
	 */
	public List<RolloutSwitch> all() {
		Map<String, Boolean> batches = new LinkedHashMap<>();
		List<Stored> stored = this.jdbc.query("""
				select name, kind, batch, value, requires_probe, description, updated_at, updated_at_ms,
					updated_by, reason
				from market.rollout_switches order by kind, batch, name""", RolloutSwitches::stored);
		stored.stream().filter((s) -> "batch".equals(s.kind())).forEach((s) -> batches.put(s.batch(), s.value()));
		return stored.stream()
			.map((s) -> new RolloutSwitch(s.name(), s.kind(), s.batch(), s.value(),
					s.value() && batches.getOrDefault(s.batch(), true), s.requiresProbe(), s.description(),
					s.updatedAt(), s.updatedAtMs(), s.updatedBy(), s.reason()))
			.toList();
	}

	/**
	 * One switch.
	 * @param name its name, exactly
	 * @return the switch, or empty when there is none of that name
	 */
	public Optional<RolloutSwitch> find(String name) {
		return all().stream().filter((candidate) -> candidate.name().equals(name)).findFirst();
	}

	/**
	 * The newest entries of the trail, newest first.
	 * @param limit how many at most
	 * @return the changes
	 */
	public List<SwitchChange> changes(int limit) {
		return this.jdbc.query("""
				select id, switch_name, old_value, new_value, changed_by, changed_at_ms, changed_at, reason
				from market.rollout_switch_changes order by id desc limit ?""",
				(rs, row) -> new SwitchChange(rs.getLong("id"), rs.getString("switch_name"),
						(Boolean) rs.getObject("old_value"), rs.getBoolean("new_value"), rs.getString("changed_by"),
						rs.getLong("changed_at_ms"), rs.getTimestamp("changed_at").toInstant(), rs.getString("reason")),
				limit);
	}

	/**
	 * The switch that keeps a dataset from running: its batch switch when that is off,
	 * else its governing module switch when that is off in effect.
	 * @param dataset the dataset's name in {@code market.datasets}
	 * @return the switch that is off, or {@code null} when the dataset may run (also for
	 * a dataset the warehouse does not know or that belongs to no batch)
	 */
	public @Nullable String offSwitch(String dataset) {
		List<Map<String, Object>> rows = this.jdbc
			.queryForList("select rollout_batch, rollout_switch from market.datasets where dataset = ?", dataset);
		if (rows.isEmpty()) {
			return null;
		}
		String batch = (String) rows.get(0).get("rollout_batch");
		String module = (String) rows.get(0).get("rollout_switch");
		List<RolloutSwitch> switches = all();
		for (RolloutSwitch candidate : switches) {
			if (candidate.batchSwitch() && candidate.batch().equals(batch) && !candidate.value()) {
				return candidate.name();
			}
		}
		for (RolloutSwitch candidate : switches) {
			if (candidate.name().equals(module) && !candidate.effective()) {
				// A module of another batch may be off because of that batch.
				return candidate.value() ? batchSwitchOf(switches, candidate.batch()) : candidate.name();
			}
		}
		return null;
	}

	private static String batchSwitchOf(List<RolloutSwitch> switches, String batch) {
		return switches.stream()
			.filter((candidate) -> candidate.batchSwitch() && candidate.batch().equals(batch))
			.map(RolloutSwitch::name)
			.findFirst()
			.orElse(batch);
	}

	/**
	 * Refuses a launch of a dataset that is switched off.
	 * @param dataset the dataset
	 * @throws SwitchedOffException naming the switch and how to turn it on
	 */
	public void checkOn(String dataset) {
		String off = offSwitch(dataset);
		if (off != null) {
			throw new SwitchedOffException(dataset, off);
		}
	}

	/**
	 * Refuses a launch of a job a module switch governs while the switch, or its batch's,
	 * is off.
	 * @param module the module switch
	 * @param job the job, for the message
	 * @throws SwitchedOffException naming the switch that is off
	 */
	public void checkModule(String module, String job) {
		List<RolloutSwitch> switches = all();
		for (RolloutSwitch candidate : switches) {
			if (candidate.name().equals(module) && !candidate.effective()) {
				throw new SwitchedOffException(job,
						candidate.value() ? batchSwitchOf(switches, candidate.batch()) : candidate.name());
			}
		}
	}

	/**
	 * Sets a switch and writes the change to the trail. Setting a switch to the value it
	 * has changes nothing and writes nothing.
	 * @param name the switch
	 * @param value the new value
	 * @param by who sets it
	 * @param reason why, one line of at most {@value #MAX_REASON} characters
	 * @return the trail's new entry, or empty when the switch had the value already
	 * @throws SwitchRefusedException with one line when the change is not allowed
	 */
	public Optional<SwitchChange> set(String name, boolean value, String by, String reason) {
		RolloutSwitch current = find(name).orElseThrow(() -> new SwitchRefusedException(
				"Unknown switch '" + shown(name) + "'; switches: " + String.join(", ", names()) + "."));
		String why = checkedReason(reason);
		String who = by.strip();
		if (who.isEmpty() || who.length() > MAX_BY || who.chars().anyMatch(Character::isISOControl)) {
			throw new SwitchRefusedException("Who changes a switch is a name of 1 to " + MAX_BY + " characters.");
		}
		if (value && current.requiresProbe() != null) {
			checkProbe(current);
		}
		if (current.value() == value) {
			return Optional.empty();
		}
		Instant now = Instant.ofEpochMilli(this.clock.millis());
		Timestamp at = Timestamp.from(now);
		List<Long> ids = this.jdbc.queryForList("""
				with old as (select name, value from market.rollout_switches where name = ? for update),
				changed as (
					update market.rollout_switches s
					set value = ?, updated_at = ?, updated_at_ms = ?, updated_by = ?, reason = ?
					from old where s.name = old.name and old.value <> ? returning s.name),
				logged as (
					insert into market.rollout_switch_changes
						(switch_name, old_value, new_value, changed_by, changed_at_ms, changed_at, reason)
					select old.name, old.value, ?, ?, ?, ?, ? from old join changed on changed.name = old.name
					returning id)
				select id from logged""", Long.class, name, value, at, now.toEpochMilli(), who, why, value, value, who,
				now.toEpochMilli(), at, why);
		if (ids.isEmpty()) {
			// Another process set the same value in the meantime.
			return Optional.empty();
		}
		logger.info("Rollout switch {} set to {} by {}: {}", name, value, who, why);
		return Optional
			.of(new SwitchChange(ids.get(0), name, current.value(), value, who, now.toEpochMilli(), now, why));
	}

	/**
	 * The names of every switch.
	 * @return the names, batch switches first
	 */
	public List<String> names() {
		return all().stream().map(RolloutSwitch::name).toList();
	}

	private static String checkedReason(String reason) {
		String why = reason.strip();
		if (why.isEmpty()) {
			throw new SwitchRefusedException("A change needs a reason: --reason \"…\" (at most " + MAX_REASON
					+ " characters), kept in the trail with who and when.");
		}
		if (why.length() > MAX_REASON) {
			throw new SwitchRefusedException(
					"The reason has " + why.length() + " characters; at most " + MAX_REASON + " are kept.");
		}
		if (why.chars().anyMatch(Character::isISOControl)) {
			throw new SwitchRefusedException("The reason is one line of text, without line breaks or tabs.");
		}
		return why;
	}

	// A special permission is bought separately: only a probe shows whether the token has
	// it.
	private void checkProbe(RolloutSwitch target) {
		String required = java.util.Objects.requireNonNull(target.requiresProbe());
		String source = required.substring(0, required.indexOf(':'));
		String endpoint = required.substring(required.indexOf(':') + 1);
		Optional<ProbeResult> latest = this.probes.latest(source, endpoint);
		if (latest.isEmpty()) {
			throw new SwitchRefusedException(target.name() + " stays off: no probe of " + source + " " + endpoint
					+ " is recorded; run 'probe " + source + "' and turn it on once the endpoint is granted.");
		}
		if (!latest.get().granted()) {
			throw new SwitchRefusedException(target.name() + " stays off: the latest probe of " + source + " "
					+ endpoint + " (" + latest.get().probedAt() + ") was refused: " + oneLine(latest.get().message()));
		}
	}

	private static String oneLine(String text) {
		String line = text.strip().lines().findFirst().orElse("");
		return (line.length() <= 200) ? line : line.substring(0, 200) + "…";
	}

	private static String shown(String name) {
		String printable = name.replaceAll("\\p{Cntrl}", "?");
		return (printable.length() <= 60) ? printable : printable.substring(0, 60) + "…";
	}

	private static Stored stored(ResultSet rs, int row) throws SQLException {
		return new Stored(rs.getString("name"), rs.getString("kind"), rs.getString("batch"), rs.getBoolean("value"),
				rs.getString("requires_probe"), rs.getString("description"), rs.getTimestamp("updated_at").toInstant(),
				rs.getLong("updated_at_ms"), rs.getString("updated_by"), rs.getString("reason"));
	}

	private record Stored(String name, String kind, String batch, boolean value, @Nullable String requiresProbe,
			String description, Instant updatedAt, long updatedAtMs, String updatedBy, String reason) {
	}

}
