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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.tools.attach.VirtualMachine;

import io.github.dualexport.test.OtlpReceiver;
import io.github.dualexport.test.OtlpSink;

/**
 * Runs the sample app under HTTP load on loopback in several telemetry configurations,
 * alternating them round after round in one run, and prints each configuration's
 * throughput, CPU per request, latency and heap, with ratios to the baselines measured in
 * the same run. The backends are {@link OtlpSink}s, which read each request and keep
 * nothing, as a backend on another machine would cost the application nothing more.
 *
 * <p>
 * Options: {@code --rounds=N} (3), {@code --warmup=SECONDS} (5),
 * {@code --duration=SECONDS} (10), {@code --connections=N} (8), {@code --only=name,name}
 * (all), {@code --sample-jar=PATH}, {@code --app-jvm-args="ARG ARG"} (such as a profiler
 * agent, added to each app JVM), {@code --profiler=PATH} (async-profiler's
 * {@code libasyncProfiler.so}, attached to the app for the measured seconds only, writing
 * one collapsed-stack file and one HTML flame graph per configuration and round to
 * {@code --profile-dir}, default {@code benchmarks/target/profiles};
 * {@code --profiler-args} default {@code event=itimer,interval=1ms,threads};
 * {@code --flame-graph-args} such as {@code include=*dualexport*} narrow the flame
 * graph). {@code --startup} runs the {@link StartupBenchmark} instead, {@code --metrics}
 * the {@link MetricRecordingBenchmark} ({@code --rounds}, {@code --trial-ms}).
 *
 * @author Dual Export contributors
 */
public final class LoadBenchmark {

	private static final Pattern HEAP = Pattern.compile("\"statistic\":\"VALUE\",\"value\":([0-9.E]+)");

	private final Map<String, String> options;

	private final List<OtlpSink> receivers = new ArrayList<>();

	private LoadBenchmark(Map<String, String> options) {
		this.options = options;
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = new LinkedHashMap<>();
		for (String arg : args) {
			String[] pair = arg.replaceFirst("^--", "").split("=", 2);
			options.put(pair[0], (pair.length > 1) ? pair[1] : "true");
		}
		if (options.containsKey("metrics")) {
			MetricRecordingBenchmark.run(Integer.parseInt(options.getOrDefault("rounds", "9")),
					Duration.ofMillis(Long.parseLong(options.getOrDefault("trial-ms", "1000"))));
			return;
		}
		if (options.containsKey("startup")) {
			StartupBenchmark.run(
					Path.of(options.getOrDefault("sample-jar", "sample-app/target/sample-app-0.1.0-SNAPSHOT.jar")),
					Integer.parseInt(options.getOrDefault("rounds", "7")));
			return;
		}
		new LoadBenchmark(options).run();
	}

	private void run() throws Exception {
		Path jar = Path.of(this.options.getOrDefault("sample-jar", "sample-app/target/sample-app-0.1.0-SNAPSHOT.jar"));
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException("Sample app jar not found at " + jar.toAbsolutePath()
					+ "; build it with 'mvn -DskipTests package' first");
		}
		for (int i = 0; i < 4; i++) {
			this.receivers.add(OtlpSink.start());
		}
		OtlpReceiver blackHole = OtlpReceiver.start();
		blackHole.neverRespond();
		List<Configuration> configurations = configurations(blackHole);
		int rounds = Integer.parseInt(this.options.getOrDefault("rounds", "3"));
		Map<String, List<Result>> results = new LinkedHashMap<>();
		System.out.printf("%d cores, %s, %d rounds%n", Runtime.getRuntime().availableProcessors(),
				System.getProperty("java.vm.name") + " " + System.getProperty("java.version"), rounds);
		for (int round = 1; round <= rounds; round++) {
			for (Configuration configuration : configurations) {
				Result result = measure(jar, configuration, round);
				results.computeIfAbsent(configuration.name(), (name) -> new ArrayList<>()).add(result);
				System.out.printf("round %d %-22s %s%n", round, configuration.name(), result);
			}
		}
		report(results);
		this.receivers.forEach(OtlpSink::close);
		blackHole.close();
	}

	/**
	 * Add what a user can switch off in Spring Boot and Micrometer to a configuration:
	 * the long task timer of every observation ({@code http.server.requests.active}) and
	 * baggage propagation.
	 * @param arguments the configuration's arguments
	 * @return the arguments with both switched off
	 */
	private static List<String> lean(List<String> arguments) {
		List<String> lean = new ArrayList<>(arguments);
		lean.addAll(List.of("--management.metrics.observations.ignored-meters=long-task-timer",
				"--management.tracing.baggage.enabled=false"));
		return lean;
	}

	private List<Configuration> configurations(OtlpReceiver blackHole) {
		List<Configuration> all = new ArrayList<>();
		List<String> none = List.of("--management.tracing.enabled=false", "--telemetry.enabled=false");
		all.add(new Configuration("none", none));
		all.add(new Configuration("none-lean", lean(none)));
		all.add(new Configuration("boot-otlp",
				List.of("--telemetry.enabled=false", "--management.opentelemetry.tracing.export.otlp.endpoint="
						+ this.receivers.get(0).httpEndpoint() + "/v1/traces")));
		for (String signals : List.of("traces", "traces,metrics,logs")) {
			String suffix = signals.equals("traces") ? "traces" : "all";
			for (int count : new int[] { 1, 2, 4 }) {
				List<String> args = new ArrayList<>(List.of("--telemetry.defaults.signals=" + signals));
				for (int i = 0; i < count; i++) {
					args.add("--telemetry.backends.b" + i + ".endpoint=" + this.receivers.get(i).httpEndpoint());
				}
				all.add(new Configuration("ours-" + count + "-" + suffix, args));
			}
		}
		String dsn = this.receivers.get(1).httpEndpoint().replace("http://", "http://benchmark-token@");
		List<String> victoria = List.of("--telemetry.backends.victoria.type=victoria",
				"--telemetry.backends.victoria.endpoint=" + this.receivers.get(0).httpEndpoint());
		all.add(new Configuration("seed-victoria-all", victoria));
		List<String> pair = new ArrayList<>(victoria);
		pair.addAll(List.of("--telemetry.backends.uptrace.type=uptrace", "--telemetry.backends.uptrace.dsn=" + dsn));
		all.add(new Configuration("seed-pair-all", pair));
		List<String> pairAtZlibDefault = new ArrayList<>(pair);
		pairAtZlibDefault.add("--telemetry.gzip-level=6");
		all.add(new Configuration("seed-pair-all-gzip6", pairAtZlibDefault));
		all.add(new Configuration("seed-pair-all-lean", lean(pair)));
		all.add(new Configuration("ours-2-one-black-holed",
				List.of("--telemetry.defaults.signals=traces",
						"--telemetry.backends.b0.endpoint=" + this.receivers.get(0).httpEndpoint(),
						"--telemetry.backends.dead.endpoint=" + blackHole.httpEndpoint())));
		String only = this.options.get("only");
		if (only == null) {
			return all;
		}
		List<String> names = Arrays.asList(only.split(","));
		return all.stream().filter((configuration) -> names.contains(configuration.name())).toList();
	}

	private Result measure(Path jar, Configuration configuration, int round) throws Exception {
		int port = OtlpReceiver.freePort();
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m"));
		String jvmArgs = this.options.get("app-jvm-args");
		if (jvmArgs != null) {
			command.addAll(Arrays.asList(jvmArgs.split(" ")));
		}
		command.addAll(List.of("-jar", jar.toString(), "--server.port=" + port, "--server.address=127.0.0.1",
				"--telemetry.backends.console.enabled=false", "--logging.level.root=WARN",
				// The request's INFO line, so that every configuration logs it and
				// "all signals" carries logs
				"--logging.level.io.github.dualexport.sample=INFO", "--management.tracing.sampling.probability=1.0",
				"--spring.main.banner-mode=off"));
		command.addAll(configuration.arguments());
		Process app = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		try {
			HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
			URI hello = URI.create("http://127.0.0.1:" + port + "/hello?name=bench");
			awaitStarted(client, hello, app);
			int connections = Integer.parseInt(this.options.getOrDefault("connections", "8"));
			load(client, hello, connections, seconds("warmup", 5), new long[0]);
			Duration cpuBefore = app.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
			Map<String, Double> threadsBefore = ThreadCpu.read(app.pid());
			String profiler = this.options.get("profiler");
			if (profiler != null) {
				attach(app.pid(), profiler,
						"start," + this.options.getOrDefault("profiler-args", "event=itimer,interval=1ms,threads"));
			}
			long[] latencies = new long[2_000_000];
			Load load = load(client, hello, connections, seconds("duration", 10), latencies);
			if (profiler != null) {
				Path profiles = Path.of(this.options.getOrDefault("profile-dir", "benchmarks/target/profiles"));
				Files.createDirectories(profiles);
				Path file = profiles.resolve(configuration.name() + "-round" + round).toAbsolutePath();
				attach(app.pid(), profiler, "dump,collapsed,file=" + file + ".collapsed");
				String flameGraph = this.options.get("flame-graph-args");
				attach(app.pid(), profiler,
						"stop,file=" + file + ".html" + ((flameGraph != null) ? "," + flameGraph : ""));
			}
			Duration cpu = app.toHandle().info().totalCpuDuration().orElse(Duration.ZERO).minus(cpuBefore);
			Map<String, Double> threads = ThreadCpu.between(threadsBefore, ThreadCpu.read(app.pid()));
			double heapMb = heap(client, port) / (1024 * 1024);
			return Result.of(load, latencies, cpu, threads, heapMb);
		}
		finally {
			app.destroy();
			if (!app.waitFor(20, TimeUnit.SECONDS)) {
				app.destroyForcibly();
			}
		}
	}

	private static void attach(long pid, String agent, String arguments) throws Exception {
		VirtualMachine vm = VirtualMachine.attach(String.valueOf(pid));
		try {
			vm.loadAgentPath(agent, arguments);
		}
		finally {
			vm.detach();
		}
	}

	private Duration seconds(String option, int defaultSeconds) {
		return Duration.ofSeconds(Long.parseLong(this.options.getOrDefault(option, String.valueOf(defaultSeconds))));
	}

	private static void awaitStarted(HttpClient client, URI hello, Process app) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (System.nanoTime() < deadline && app.isAlive()) {
			try {
				if (client.send(HttpRequest.newBuilder(hello).build(), HttpResponse.BodyHandlers.discarding())
					.statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			TimeUnit.MILLISECONDS.sleep(200);
		}
		throw new IllegalStateException(
				"Sample app did not start (exit " + (app.isAlive() ? "-" : app.exitValue()) + ")");
	}

	private static Load load(HttpClient client, URI hello, int connections, Duration duration, long[] latencies)
			throws InterruptedException {
		AtomicBoolean running = new AtomicBoolean(true);
		AtomicInteger recorded = new AtomicInteger();
		AtomicLong errors = new AtomicLong();
		HttpRequest request = HttpRequest.newBuilder(hello).build();
		ExecutorService users = Executors.newFixedThreadPool(connections);
		long start = System.nanoTime();
		for (int i = 0; i < connections; i++) {
			users.execute(() -> {
				while (running.get()) {
					long sent = System.nanoTime();
					try {
						int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
						if (status != 200) {
							errors.incrementAndGet();
						}
					}
					catch (IOException | InterruptedException ex) {
						errors.incrementAndGet();
					}
					int index = recorded.getAndIncrement();
					if (index < latencies.length) {
						latencies[index] = System.nanoTime() - sent;
					}
				}
			});
		}
		TimeUnit.NANOSECONDS.sleep(duration.toNanos());
		running.set(false);
		users.shutdown();
		users.awaitTermination(30, TimeUnit.SECONDS);
		return new Load(Math.min(recorded.get(), latencies.length), errors.get(),
				Duration.ofNanos(System.nanoTime() - start));
	}

	private static double heap(HttpClient client, int port) {
		try {
			String body = client
				.send(HttpRequest
					.newBuilder(
							URI.create("http://127.0.0.1:" + port + "/actuator/metrics/jvm.memory.used?tag=area:heap"))
					.build(), HttpResponse.BodyHandlers.ofString())
				.body();
			Matcher matcher = HEAP.matcher(body);
			return matcher.find() ? Double.parseDouble(matcher.group(1)) : Double.NaN;
		}
		catch (IOException | InterruptedException ex) {
			return Double.NaN;
		}
	}

	private static void report(Map<String, List<Result>> results) {
		Result none = median(results.get("none"));
		Result boot = median(results.get("boot-otlp"));
		Result oursOne = median(results.get("ours-1-traces"));
		Result oursOneAll = median(results.get("ours-1-all"));
		Result healthyTwo = median(results.get("ours-2-traces"));
		System.out.println();
		System.out.println("median over rounds; ratios are throughput ratios measured in this run");
		System.out.printf("%-22s %10s %10s %9s %9s %9s %8s %8s %8s%n", "configuration", "req/s", "cpu ms/req", "p50 ms",
				"p99 ms", "heap MB", "/none", "/boot", "/ours-1");
		results.forEach((name, runs) -> {
			Result median = median(runs);
			Result ours = name.endsWith("-all") ? oursOneAll : oursOne;
			System.out.printf("%-22s %10.0f %10.3f %9.2f %9.2f %9.0f %8s %8s %8s%n", name, median.throughput(),
					median.cpuMsPerRequest(), median.p50Ms(), median.p99Ms(), median.heapMb(), ratio(median, none),
					ratio(median, boot), ratio(median, ours));
		});
		System.out.println();
		System.out.println("medians of each measure separately, with the spread over rounds (min-max);"
				+ " -lean configurations against none-lean");
		System.out.printf("%-22s %22s %22s %8s %8s %10s %10s%n", "configuration", "req/s", "cpu ms/req", "thr/none",
				"cpu/none", "thr/seed-v", "cpu/seed-v");
		results.forEach((name, runs) -> {
			List<Double> throughputs = runs.stream().map(Result::throughput).toList();
			List<Double> cpu = runs.stream().map(Result::cpuMsPerRequest).toList();
			System.out.printf("%-22s %8.0f (%5.0f-%5.0f) %8.3f (%.3f-%.3f) %8s %8s %10s %10s%n", name,
					Stats.median(throughputs), Stats.min(throughputs), Stats.max(throughputs), Stats.median(cpu),
					Stats.min(cpu), Stats.max(cpu), ratio(results, name, noneFor(results, name), Result::throughput),
					ratio(results, name, noneFor(results, name), Result::cpuMsPerRequest),
					ratio(results, name, "seed-victoria-all", Result::throughput),
					ratio(results, name, "seed-victoria-all", Result::cpuMsPerRequest));
		});
		if (results.values().stream().anyMatch((runs) -> !runs.get(0).cpuUsPerRequestByThreads().isEmpty())) {
			System.out.println();
			System.out.println("CPU microseconds per request by thread group, median over rounds"
					+ " (export: send, batch and reader threads; jit: compiler threads)");
			System.out.printf("%-22s", "configuration");
			ThreadCpu.GROUPS.forEach((group) -> System.out.printf(" %9s", group));
			System.out.println();
			results.forEach((name, runs) -> {
				System.out.printf("%-22s", name);
				ThreadCpu.GROUPS.forEach((group) -> System.out.printf(" %9.1f", Stats.median(
						runs.stream().map((run) -> run.cpuUsPerRequestByThreads().getOrDefault(group, 0.0)).toList())));
				System.out.println();
			});
		}
		reportSecondBackend(results, "seed-victoria-all", "seed-pair-all");
		Result blackHoled = median(results.get("ours-2-one-black-holed"));
		if (blackHoled != null && healthyTwo != null) {
			System.out.printf("p99 with one backend black-holed / healthy: %.2f%n",
					blackHoled.p99Ms() / healthyTwo.p99Ms());
		}
	}

	/**
	 * Print what a second backend costs, from the rounds of a configuration with one
	 * backend and of the same with a second one, paired by round: the whole process's CPU
	 * per request, and the CPU of the only threads that do work per backend (export and
	 * garbage collection). The request threads run the same code with one backend or two,
	 * since both backends share one capture stage per signal; what they differ by is the
	 * noise of the machine, printed too.
	 * @param results the results of every configuration
	 * @param one the configuration with one backend
	 * @param two the configuration with a second backend
	 */
	private static void reportSecondBackend(Map<String, List<Result>> results, String one, String two) {
		List<Result> first = results.get(one);
		List<Result> second = results.get(two);
		if (first == null || second == null || first.get(0).cpuUsPerRequestByThreads().isEmpty()) {
			return;
		}
		List<Double> ratios = new ArrayList<>();
		List<Double> perBackendThreads = new ArrayList<>();
		List<Double> requestThreads = new ArrayList<>();
		for (int round = 0; round < Math.min(first.size(), second.size()); round++) {
			Result a = first.get(round);
			Result b = second.get(round);
			ratios.add(b.cpuMsPerRequest() / a.cpuMsPerRequest());
			perBackendThreads.add(threads(b, "export", "gc") - threads(a, "export", "gc"));
			requestThreads.add(threads(b, "request") - threads(a, "request"));
		}
		double oneBackendUs = Stats.median(first.stream().map(Result::cpuMsPerRequest).toList()) * 1000;
		System.out.println();
		System.out.printf("the second backend: %s against %s, paired by round%n", two, one);
		System.out.printf("  whole process, CPU per request       %.2fx (%.2fx-%.2fx)%n", Stats.median(ratios),
				Stats.min(ratios), Stats.max(ratios));
		System.out.printf("  export and gc threads            %+6.1f µs (%+.1f to %+.1f) = %.3fx of %s's %.1f µs%n",
				Stats.median(perBackendThreads), Stats.min(perBackendThreads), Stats.max(perBackendThreads),
				1 + Stats.median(perBackendThreads) / oneBackendUs, one, oneBackendUs);
		System.out.printf("  request threads, same code       %+6.1f µs (%+.1f to %+.1f)%n",
				Stats.median(requestThreads), Stats.min(requestThreads), Stats.max(requestThreads));
	}

	private static double threads(Result result, String... groups) {
		double us = 0;
		for (String group : groups) {
			us += result.cpuUsPerRequestByThreads().getOrDefault(group, 0.0);
		}
		return us;
	}

	private static String noneFor(Map<String, List<Result>> results, String name) {
		return (name.endsWith("-lean") && results.containsKey("none-lean")) ? "none-lean" : "none";
	}

	private static String ratio(Map<String, List<Result>> results, String name, String baseline,
			ToDoubleFunction<Result> measure) {
		List<Result> base = results.get(baseline);
		if (base == null) {
			return "-";
		}
		double of = Stats.median(results.get(name).stream().map(measure::applyAsDouble).toList());
		return String.format("%.2fx", of / Stats.median(base.stream().map(measure::applyAsDouble).toList()));
	}

	private static String ratio(Result result, Result baseline) {
		return (result == null || baseline == null) ? "-"
				: String.format("%.2fx", result.throughput() / baseline.throughput());
	}

	private static Result median(List<Result> runs) {
		if (runs == null || runs.isEmpty()) {
			return null;
		}
		List<Result> sorted = runs.stream().sorted((a, b) -> Double.compare(a.throughput(), b.throughput())).toList();
		return sorted.get(sorted.size() / 2);
	}

	private record Configuration(String name, List<String> arguments) {
	}

	private record Load(int requests, long errors, Duration elapsed) {
	}

	private record Result(double throughput, double cpuMsPerRequest, Map<String, Double> cpuUsPerRequestByThreads,
			double p50Ms, double p99Ms, double heapMb, long errors) {

		static Result of(Load load, long[] latencies, Duration cpu, Map<String, Double> threadCpuMs, double heapMb) {
			long[] measured = Arrays.copyOf(latencies, load.requests());
			Arrays.sort(measured);
			double throughput = load.requests() / (load.elapsed().toNanos() / 1e9);
			int requests = Math.max(1, load.requests());
			Map<String, Double> byThreads = new LinkedHashMap<>();
			threadCpuMs.forEach((group, ms) -> byThreads.put(group, ms * 1000 / requests));
			return new Result(throughput, cpu.toNanos() / 1e6 / requests, byThreads, percentile(measured, 0.50),
					percentile(measured, 0.99), heapMb, load.errors());
		}

		private static double percentile(long[] sorted, double quantile) {
			if (sorted.length == 0) {
				return Double.NaN;
			}
			return sorted[(int) Math.min(sorted.length - 1, Math.round(quantile * (sorted.length - 1)))] / 1e6;
		}

		@Override
		public String toString() {
			return String.format("%8.0f req/s %7.3f cpu-ms/req p50 %6.2f ms p99 %7.2f ms heap %5.0f MB errors %d",
					this.throughput, this.cpuMsPerRequest, this.p50Ms, this.p99Ms, this.heapMb, this.errors);
		}

	}

}
