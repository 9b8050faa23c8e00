package com.marketbase.batch.job.minute1m;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;

/**
 * The CPU time this JVM spends on a piece of work, and the part of it spent by the
 * embedded sandbox's threads: on a machine whose cores the database shares, CPU per row
 * is what decides how close a load can come to the database's own COPY.
 */
final class CpuClock {

	private static final String SANDBOX_THREADS = "sandbox-";

	private final long processStart;

	private final Map<Long, Long> sandboxStart;

	private CpuClock(long processStart, Map<Long, Long> sandboxStart) {
		this.processStart = processStart;
		this.sandboxStart = sandboxStart;
	}

	static CpuClock start() {
		return new CpuClock(processNanos(), sandboxNanos());
	}

	Spent stop() {
		long process = processNanos() - this.processStart;
		long sandbox = 0;
		for (Map.Entry<Long, Long> thread : sandboxNanos().entrySet()) {
			sandbox += thread.getValue() - this.sandboxStart.getOrDefault(thread.getKey(), 0L);
		}
		return new Spent(process / 1e9, sandbox / 1e9);
	}

	private static long processNanos() {
		if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
			return os.getProcessCpuTime();
		}
		return 0;
	}

	// The sandbox's handler threads live in a cached pool, so they outlive each request.
	private static Map<Long, Long> sandboxNanos() {
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		Map<Long, Long> cpu = new HashMap<>();
		for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
			if (info != null && info.getThreadName().startsWith(SANDBOX_THREADS)) {
				long nanos = threads.getThreadCpuTime(info.getThreadId());
				if (nanos >= 0) {
					cpu.put(info.getThreadId(), nanos);
				}
			}
		}
		return cpu;
	}

	/**
	 * CPU seconds spent.
	 *
	 * @param processSeconds by the whole JVM
	 * @param sandboxSeconds by the embedded sandbox's threads
	 */
	record Spent(double processSeconds, double sandboxSeconds) {
	}

}
