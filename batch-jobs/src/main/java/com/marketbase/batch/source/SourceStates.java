package com.marketbase.batch.source;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The live state of every source, shared by all threads of the process. A source waits
 * for quota while any of its calls waits; otherwise it is failing when its last finished
 * call failed, and ok when it succeeded.
 */
public final class SourceStates {

	private final Map<SourceName, AtomicInteger> waiting = new ConcurrentHashMap<>();

	private final Map<SourceName, Boolean> failing = new ConcurrentHashMap<>();

	/**
	 * The state of one source.
	 * @param source the source
	 * @return its state
	 */
	public SourceState of(SourceName source) {
		if (counter(source).get() > 0) {
			return SourceState.WAITING_FOR_QUOTA;
		}
		return this.failing.getOrDefault(source, false) ? SourceState.FAILING : SourceState.OK;
	}

	/**
	 * The state of every source.
	 * @return the states, in declaration order of {@link SourceName}
	 */
	public Map<SourceName, SourceState> all() {
		Map<SourceName, SourceState> states = new EnumMap<>(SourceName.class);
		for (SourceName source : SourceName.values()) {
			states.put(source, of(source));
		}
		return states;
	}

	void startWaiting(SourceName source) {
		counter(source).incrementAndGet();
	}

	void stopWaiting(SourceName source) {
		counter(source).decrementAndGet();
	}

	void succeeded(SourceName source) {
		this.failing.put(source, false);
	}

	void failed(SourceName source) {
		this.failing.put(source, true);
	}

	private AtomicInteger counter(SourceName source) {
		return this.waiting.computeIfAbsent(source, (key) -> new AtomicInteger());
	}

}
