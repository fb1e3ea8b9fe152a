/*
 * Copyright 2026 the original author or authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

package io.github.dualexport.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time of another process's threads, grouped by what the threads do, read from
 * Linux's {@code /proc/<pid>/task}. Elsewhere every reading is empty. Thread names there
 * are cut to 15 characters, so groups match on prefixes.
 *
 * @author Dual Export contributors
 */
final class ThreadCpu {

	/** Groups in report order; a thread falls in the first whose prefix it has. */
	static final List<String> GROUPS = List.of("request", "export", "jit", "gc", "other");

	private static final Map<String, String> PREFIXES = prefixes();

	/** {@code utime} and {@code stime} count ticks of 1/USER_HZ s; USER_HZ is 100. */
	private static final double MS_PER_TICK = 10;

	private ThreadCpu() {
	}

	private static Map<String, String> prefixes() {
		Map<String, String> prefixes = new LinkedHashMap<>();
		prefixes.put("http-nio-", "request");
		prefixes.put("dual-export-", "export");
		prefixes.put("BatchSpanProces", "export");
		prefixes.put("BatchLogRecordP", "export");
		prefixes.put("PeriodicMetricR", "export");
		prefixes.put("OkHttp", "export");
		// The OTLP senders' OkHttp dispatcher, which runs each HTTP call
		prefixes.put("okhttp-", "export");
		prefixes.put("Okio", "export");
		prefixes.put("grpc-", "export");
		prefixes.put("C1 CompilerThre", "jit");
		prefixes.put("C2 CompilerThre", "jit");
		prefixes.put("GC Thread", "gc");
		prefixes.put("G1 ", "gc");
		return prefixes;
	}

	/**
	 * Reads the CPU time of each thread group of a process now.
	 * @param pid the process
	 * @return milliseconds of CPU per group; empty where {@code /proc} is not there
	 */
	static Map<String, Double> read(long pid) {
		Map<String, Double> groups = new LinkedHashMap<>();
		Path tasks = Path.of("/proc", String.valueOf(pid), "task");
		if (!Files.isDirectory(tasks)) {
			return groups;
		}
		try (Stream<Path> threads = Files.list(tasks)) {
			threads.forEach((thread) -> {
				try {
					String name = Files.readString(thread.resolve("comm")).strip();
					String stat = Files.readString(thread.resolve("stat"));
					// Fields after the parenthesised name: state is field 3, utime 14,
					// stime 15
					String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
					double ms = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * MS_PER_TICK;
					groups.merge(group(name), ms, Double::sum);
				}
				catch (IOException | RuntimeException ex) {
					// the thread ended between listing and reading
				}
			});
		}
		catch (IOException ex) {
			return groups;
		}
		return groups;
	}

	/**
	 * The CPU each group spent between two readings. Threads that ended in between are
	 * missing from the second reading; their group counts from zero, never below.
	 * @param before the earlier reading
	 * @param after the later reading
	 * @return milliseconds of CPU per group
	 */
	static Map<String, Double> between(Map<String, Double> before, Map<String, Double> after) {
		Map<String, Double> spent = new LinkedHashMap<>();
		for (String group : GROUPS) {
			double ms = after.getOrDefault(group, 0.0) - before.getOrDefault(group, 0.0);
			spent.put(group, Math.max(0, ms));
		}
		return spent;
	}

	static String group(String threadName) {
		for (Map.Entry<String, String> prefix : PREFIXES.entrySet()) {
			if (threadName.startsWith(prefix.getKey())) {
				return prefix.getValue();
			}
		}
		return "other";
	}

}
