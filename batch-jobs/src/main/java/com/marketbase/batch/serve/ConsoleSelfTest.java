package com.marketbase.batch.serve;

import java.util.Arrays;
import java.util.OptionalLong;

import com.marketbase.batch.selftest.SelfTest;
import com.marketbase.batch.selftest.SelfTestInterval;
import com.marketbase.batch.selftest.SelfTestSchedule;
import com.marketbase.console.selftest.SelfTestFacts;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;

/**
 * The server's self-test schedule as the console shows and sets it, and a run started
 * from the console.
 */
@Component
@ConditionalOnWebApplication
class ConsoleSelfTest implements SelfTestFacts {

	private final SelfTestSchedule schedule;

	ConsoleSelfTest(SelfTestSchedule schedule) {
		this.schedule = schedule;
	}

	@Override
	public Schedule schedule() {
		return schedule(this.schedule.setting());
	}

	@Override
	public Schedule schedule(String every, String by) {
		return schedule(this.schedule.set(every, by));
	}

	@Override
	public OptionalLong runNow(String by) {
		return this.schedule.runNow(SelfTest.CONSOLE);
	}

	private static Schedule schedule(SelfTestSchedule.Setting setting) {
		return new Schedule(setting.every(),
				Arrays.stream(SelfTestInterval.values()).map(SelfTestInterval::key).toList(), setting.setBy(),
				setting.setAt(), setting.nextRunAt(), setting.underWay());
	}

}
