package io.github.dualexport.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

import com.google.protobuf.Message;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.grpc.DecompressorRegistry;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.ChannelOption;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.trace.v1.Span;
import org.awaitility.Awaitility;

/**
 * An in-JVM OTLP receiver that serves http/protobuf (and OTLP/JSON) and gRPC on ephemeral
 * ports of {@code 127.0.0.1}, records every export request it receives and can simulate
 * failing, slow and unresponsive backends.
 * <p>
 * Over http the receiver accepts a {@code POST} to any path that ends in
 * {@code /v1/traces}, {@code /v1/metrics} or {@code /v1/logs}, so vendor specific paths
 * such as {@code /insert/opentelemetry/v1/traces} work unchanged. Gzip compressed
 * requests are accepted on both transports.
 * <p>
 * The answer mode ({@link #respondNormally()}, {@link #respondWithStatus(int)},
 * {@link #respondAfter(Duration)}, {@link #neverRespond()} and
 * {@link #failNextRequests(int, int)}) can be switched at any time from any thread and
 * applies to both transports and all signals. Requests are recorded when they arrive,
 * whatever the answer.
 * <p>
 * A receiver started with {@link #startTls(OtlpTls)} speaks TLS, or mutual TLS, on both
 * ports; its endpoints then are {@code https} URLs. {@link #stop()} takes a receiver down
 * like a crashed backend, so that senders are refused, and {@link #restart()} brings it
 * back on the same ports, keeping what it received.
 * <p>
 * Typical use: <pre class="code">
 * try (OtlpReceiver receiver = OtlpReceiver.start()) {
 *     // point an exporter at receiver.httpEndpoint() + "/v1/traces"
 *     receiver.awaitSpans(1, Duration.ofSeconds(5));
 * }
 * </pre>
 *
 * @see OtlpReceiverExtension
 * @see OtlpAssertions
 * @see TestCertificates
 */
public final class OtlpReceiver implements AutoCloseable {

	private static final Duration AWAIT_POLL_INTERVAL = Duration.ofMillis(20);

	private static final Duration REBIND_TIMEOUT = Duration.ofSeconds(10);

	private static final Duration REBIND_INTERVAL = Duration.ofMillis(50);

	private static final Duration GRPC_TERMINATION_TIMEOUT = Duration.ofSeconds(5);

	private final List<ReceivedRequest> requests = new CopyOnWriteArrayList<>();

	private final Object monitor = new Object();

	private Behaviour behaviour = Behaviour.NORMAL;

	private int failuresRemaining;

	private int failureStatus;

	private final Set<CompletableFuture<Reply>> held = new LinkedHashSet<>();

	private final Map<CompletableFuture<Reply>, Reply> delayed = new LinkedHashMap<>();

	private boolean closed;

	private boolean stopped;

	private final OtlpTls tls;

	private final SSLContext httpSslContext;

	private final SslContext grpcSslContext;

	private final ExecutorService httpExecutor;

	private final ScheduledExecutorService scheduler;

	private final OtlpHttpHandler httpHandler;

	private final Object lifecycleMonitor = new Object();

	private HttpServer httpServer;

	private Server grpcServer;

	private final int httpPort;

	private final int grpcPort;

	private OtlpReceiver(OtlpTls tls) throws IOException {
		this.tls = tls;
		this.httpSslContext = (tls != null) ? tls.createHttpSslContext() : null;
		this.grpcSslContext = (tls != null) ? tls.createGrpcSslContext() : null;
		this.httpExecutor = Executors.newCachedThreadPool(daemonThreads("otlp-receiver-http-"));
		this.scheduler = Executors.newSingleThreadScheduledExecutor(daemonThreads("otlp-receiver-scheduler-"));
		this.httpHandler = new OtlpHttpHandler(this);
		InetAddress loopback = loopback();
		try {
			this.httpServer = startHttpServer(new InetSocketAddress(loopback, 0));
			this.grpcServer = startGrpcServer(new InetSocketAddress(loopback, 0));
		}
		catch (IOException | RuntimeException ex) {
			close();
			throw ex;
		}
		this.httpPort = this.httpServer.getAddress().getPort();
		this.grpcPort = this.grpcServer.getPort();
	}

	/**
	 * Start a receiver serving both http and gRPC in plain text.
	 * @return the running receiver, to be closed by the caller
	 * @throws UncheckedIOException if a server cannot be started
	 */
	public static OtlpReceiver start() {
		try {
			return new OtlpReceiver(null);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Failed to start OTLP receiver", ex);
		}
	}

	/**
	 * Start a receiver serving both http and gRPC over TLS, with client certificates
	 * required when the settings say so. Its endpoints are {@code https} URLs, and
	 * senders must trust the issuer of the server certificate.
	 * @param tls the TLS settings, such as {@link TestCertificates#serverTls()} or
	 * {@link TestCertificates#mutualTls()}
	 * @return the running receiver, to be closed by the caller
	 * @throws UncheckedIOException if a server cannot be started
	 */
	public static OtlpReceiver startTls(OtlpTls tls) {
		Objects.requireNonNull(tls, "'tls' must not be null");
		try {
			return new OtlpReceiver(tls);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Failed to start OTLP receiver", ex);
		}
	}

	/**
	 * Return a port of {@code 127.0.0.1} on which nothing listened when this method ran,
	 * for pointing an exporter at a backend that is down.
	 * @return a currently unused port
	 * @throws UncheckedIOException if no port can be reserved
	 */
	public static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, loopback())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Failed to find a free port", ex);
		}
	}

	/**
	 * Return the base URL of the http server, to which signal paths such as
	 * {@code /v1/traces} are appended.
	 * @return the URL, {@code http://127.0.0.1:<port>}, or {@code https://...} when the
	 * receiver speaks {@link #isTls() TLS}
	 */
	public String httpEndpoint() {
		return scheme() + "://127.0.0.1:" + httpPort();
	}

	/**
	 * Return the URL of the gRPC server.
	 * @return the URL, {@code http://127.0.0.1:<port>}, or {@code https://...} when the
	 * receiver speaks {@link #isTls() TLS}
	 */
	public String grpcEndpoint() {
		return scheme() + "://127.0.0.1:" + grpcPort();
	}

	/**
	 * Return whether the receiver speaks TLS, having been started with
	 * {@link #startTls(OtlpTls)}.
	 * @return {@code true} for TLS, {@code false} for plain text
	 */
	public boolean isTls() {
		return this.tls != null;
	}

	/**
	 * Return the port of the http server, also once stopped or closed. It stays the same
	 * across {@link #restart() restarts}.
	 * @return the http port
	 */
	public int httpPort() {
		return this.httpPort;
	}

	/**
	 * Return the port of the gRPC server, also once stopped or closed. It stays the same
	 * across {@link #restart() restarts}.
	 * @return the gRPC port
	 */
	public int grpcPort() {
		return this.grpcPort;
	}

	/**
	 * Answer every request with success, releasing requests held by
	 * {@link #neverRespond()}.
	 */
	public void respondNormally() {
		changeBehaviour(Behaviour.NORMAL);
	}

	/**
	 * Answer every request with the given http status. gRPC requests receive the matching
	 * gRPC status: {@code UNAVAILABLE} for 429, 502, 503 and 504,
	 * {@code INVALID_ARGUMENT} for 400, {@code UNAUTHENTICATED} for 401,
	 * {@code PERMISSION_DENIED} for 403, {@code RESOURCE_EXHAUSTED} for 413 and
	 * {@code INTERNAL} otherwise. Releases requests held by {@link #neverRespond()}.
	 * @param httpStatus the http status, a 2xx status answers with success
	 */
	public void respondWithStatus(int httpStatus) {
		respondWithStatus(httpStatus, null);
	}

	/**
	 * Answer every request with the given http status and a retry delay, sent as the
	 * {@code Retry-After} header (in whole seconds) over http and as the
	 * {@code grpc-retry-pushback-ms} trailer and a {@code google.rpc.RetryInfo} status
	 * detail over gRPC. Releases requests held by {@link #neverRespond()}.
	 * @param httpStatus the http status, a 2xx status answers with success
	 * @param retryAfter the delay to advertise or {@code null} for none
	 * @see #respondWithStatus(int)
	 */
	public void respondWithStatus(int httpStatus, Duration retryAfter) {
		changeBehaviour(Behaviour.status(checkStatus(httpStatus), retryAfter));
	}

	/**
	 * Answer every request with success once the given delay has passed since it arrived.
	 * Requests are recorded on arrival. Releases requests held by
	 * {@link #neverRespond()}.
	 * @param delay the delay before answering
	 */
	public void respondAfter(Duration delay) {
		Objects.requireNonNull(delay, "'delay' must not be null");
		changeBehaviour(Behaviour.delay(delay));
	}

	/**
	 * Record every request but never answer it, like a backend that accepts connections
	 * and then hangs. Held requests are released by {@link #stop()}, {@link #close()} or
	 * by switching to another mode, and are then answered with {@code 503}
	 * ({@code UNAVAILABLE} over gRPC), so they are recorded as not
	 * {@link ReceivedRequest#accepted() accepted}.
	 */
	public void neverRespond() {
		changeBehaviour(Behaviour.NEVER);
	}

	/**
	 * Answer the next {@code count} requests with the given http status, then answer
	 * every request with success. Releases requests held by {@link #neverRespond()}.
	 * @param count the number of requests to fail
	 * @param httpStatus the http status of the failures
	 * @see #respondWithStatus(int)
	 */
	public void failNextRequests(int count, int httpStatus) {
		if (count < 0) {
			throw new IllegalArgumentException("'count' must not be negative");
		}
		changeBehaviour(Behaviour.NORMAL, count, checkStatus(httpStatus));
	}

	/**
	 * Return every request received so far, in arrival order.
	 * @return an immutable snapshot of the received requests
	 */
	public List<ReceivedRequest> requests() {
		return List.copyOf(this.requests);
	}

	/**
	 * Return the requests received so far for the given signal, in arrival order.
	 * @param signal the signal
	 * @return an immutable snapshot of the matching requests
	 */
	public List<ReceivedRequest> requests(Signal signal) {
		return this.requests.stream().filter((request) -> request.signal() == signal).toList();
	}

	/**
	 * Return the spans of every accepted trace request, in arrival order. Spans of
	 * requests answered with a failure are left out, as a real backend would drop them;
	 * see {@link #requests(Signal)} for those.
	 * @return an immutable list of spans
	 */
	public List<Span> spans() {
		return acceptedItems(Signal.TRACES, ReceivedRequest::spans);
	}

	/**
	 * Return the ids of the traces of {@link #spans()}.
	 * @return the trace ids as lowercase hexadecimal, in order of first appearance
	 */
	public Set<String> traceIds() {
		return ids((span) -> OtlpIds.toHex(span.getTraceId()));
	}

	/**
	 * Return the ids of {@link #spans()}.
	 * @return the span ids as lowercase hexadecimal, in order of appearance
	 */
	public Set<String> spanIds() {
		return ids((span) -> OtlpIds.toHex(span.getSpanId()));
	}

	/**
	 * Return the metrics of every accepted metrics request, in arrival order.
	 * @return an immutable list of metrics
	 * @see #spans()
	 */
	public List<Metric> metrics() {
		return acceptedItems(Signal.METRICS, ReceivedRequest::metrics);
	}

	/**
	 * Return the log records of every accepted logs request, in arrival order.
	 * @return an immutable list of log records
	 * @see #spans()
	 */
	public List<LogRecord> logRecords() {
		return acceptedItems(Signal.LOGS, ReceivedRequest::logRecords);
	}

	/**
	 * Return the log records of every accepted logs request whose instrumentation scope
	 * has the given name, in arrival order. The OpenTelemetry log appenders name the
	 * scope after the logger, so this selects the records of one logger.
	 * @param scopeName the instrumentation scope name, such as a logger name
	 * @return an immutable list of log records
	 * @see #logRecords()
	 */
	public List<LogRecord> logRecords(String scopeName) {
		return acceptedItems(Signal.LOGS, (request) -> request.logRecords(scopeName));
	}

	/**
	 * Forget every received request. The answer mode is left unchanged.
	 */
	public void reset() {
		this.requests.clear();
	}

	/**
	 * Wait until at least the given number of spans has been accepted.
	 * @param atLeast the minimum number of spans
	 * @param timeout the maximum time to wait
	 * @return the spans accepted when the condition was met
	 * @throws org.awaitility.core.ConditionTimeoutException if the timeout passes first
	 */
	public List<Span> awaitSpans(int atLeast, Duration timeout) {
		return await(timeout, this::spans, (spans) -> spans.size() >= atLeast);
	}

	/**
	 * Wait until at least the given number of spans with the given name has been
	 * accepted.
	 * @param name the span name
	 * @param atLeast the minimum number of matching spans
	 * @param timeout the maximum time to wait
	 * @return the matching spans accepted when the condition was met
	 * @throws org.awaitility.core.ConditionTimeoutException if the timeout passes first
	 */
	public List<Span> awaitSpansNamed(String name, int atLeast, Duration timeout) {
		return await(timeout, () -> spans().stream().filter((span) -> span.getName().equals(name)).toList(),
				(spans) -> spans.size() >= atLeast);
	}

	/**
	 * Wait until a metric with the given name has been accepted.
	 * @param name the metric name
	 * @param timeout the maximum time to wait
	 * @return the metrics with that name accepted when the condition was met
	 * @throws org.awaitility.core.ConditionTimeoutException if the timeout passes first
	 */
	public List<Metric> awaitMetricNamed(String name, Duration timeout) {
		return await(timeout, () -> metrics().stream().filter((metric) -> metric.getName().equals(name)).toList(),
				(metrics) -> !metrics.isEmpty());
	}

	/**
	 * Wait until at least the given number of log records has been accepted.
	 * @param atLeast the minimum number of log records
	 * @param timeout the maximum time to wait
	 * @return the log records accepted when the condition was met
	 * @throws org.awaitility.core.ConditionTimeoutException if the timeout passes first
	 */
	public List<LogRecord> awaitLogRecords(int atLeast, Duration timeout) {
		return await(timeout, this::logRecords, (logRecords) -> logRecords.size() >= atLeast);
	}

	/**
	 * Wait until at least the given number of log records of the given instrumentation
	 * scope has been accepted.
	 * @param scopeName the instrumentation scope name, such as a logger name
	 * @param atLeast the minimum number of log records
	 * @param timeout the maximum time to wait
	 * @return the log records of that scope accepted when the condition was met
	 * @throws org.awaitility.core.ConditionTimeoutException if the timeout passes first
	 */
	public List<LogRecord> awaitLogRecords(String scopeName, int atLeast, Duration timeout) {
		return await(timeout, () -> logRecords(scopeName), (logRecords) -> logRecords.size() >= atLeast);
	}

	/**
	 * Wait until at least the given number of requests for the given signal has been
	 * received, whether accepted or not.
	 * @param signal the signal
	 * @param atLeast the minimum number of requests
	 * @param timeout the maximum time to wait
	 * @return the requests for that signal received when the condition was met
	 * @throws org.awaitility.core.ConditionTimeoutException if the timeout passes first
	 */
	public List<ReceivedRequest> awaitRequests(Signal signal, int atLeast, Duration timeout) {
		return await(timeout, () -> requests(signal), (requests) -> requests.size() >= atLeast);
	}

	/**
	 * Return whether both servers are listening, which is the case from the start until
	 * {@link #stop()} or {@link #close()}, and again after {@link #restart()}.
	 * @return {@code true} if the receiver is running
	 */
	public boolean isRunning() {
		synchronized (this.lifecycleMonitor) {
			return this.httpServer != null && this.grpcServer != null;
		}
	}

	/**
	 * Stop both servers like a crashed backend: held and delayed requests are answered
	 * first, then the listening sockets and open connections are closed, so that senders
	 * get their connections refused. Received requests, the answer mode and the ports are
	 * kept for {@link #restart()}. Does nothing if the receiver is already stopped or
	 * closed.
	 */
	public void stop() {
		synchronized (this.lifecycleMonitor) {
			List<Runnable> releases;
			synchronized (this.monitor) {
				if (this.closed) {
					return;
				}
				this.stopped = true;
				releases = releasePending();
			}
			releases.forEach(Runnable::run);
			stopServers();
		}
	}

	/**
	 * Serve again on the same http and gRPC ports, with the same TLS settings, after
	 * {@link #stop()}; a running receiver is stopped first. Received requests and the
	 * answer mode are kept. As the operating system may not release a port at once,
	 * binding is retried for up to ten seconds.
	 * @throws IllegalStateException if the receiver is closed
	 * @throws UncheckedIOException if a port cannot be bound again, for example because
	 * another process took it meanwhile; the receiver is then left stopped
	 */
	public void restart() {
		synchronized (this.lifecycleMonitor) {
			synchronized (this.monitor) {
				if (this.closed) {
					throw new IllegalStateException("The OTLP receiver is closed and cannot be restarted");
				}
			}
			stop();
			synchronized (this.monitor) {
				this.stopped = false;
			}
			InetAddress loopback = loopback();
			try {
				this.httpServer = bindRetrying(() -> startHttpServer(new InetSocketAddress(loopback, this.httpPort)));
				this.grpcServer = bindRetrying(() -> startGrpcServer(new InetSocketAddress(loopback, this.grpcPort)));
			}
			catch (IOException ex) {
				stop();
				throw new UncheckedIOException("Failed to restart OTLP receiver on http port " + this.httpPort
						+ " and gRPC port " + this.grpcPort, ex);
			}
			catch (RuntimeException ex) {
				stop();
				throw ex;
			}
		}
	}

	/**
	 * Stop both servers for good, answering held and delayed requests first so that no
	 * sender is left waiting on an open connection. A closed receiver cannot be
	 * restarted.
	 */
	@Override
	public void close() {
		synchronized (this.lifecycleMonitor) {
			List<Runnable> releases;
			synchronized (this.monitor) {
				if (this.closed) {
					return;
				}
				this.closed = true;
				this.stopped = true;
				releases = releasePending();
			}
			releases.forEach(Runnable::run);
			stopServers();
			this.scheduler.shutdownNow();
			this.httpExecutor.shutdownNow();
		}
	}

	CompletableFuture<Reply> receive(Signal signal, Transport transport, String path, Map<String, String> headers,
			String compression, Message message, byte[] body) {
		CompletableFuture<Reply> answer = new CompletableFuture<>();
		synchronized (this.monitor) {
			Behaviour current = this.behaviour;
			if (this.failuresRemaining > 0) {
				this.failuresRemaining--;
				current = Behaviour.status(this.failureStatus, null);
			}
			boolean accepted = !this.stopped && current.reply() != null && current.reply().success();
			this.requests.add(new ReceivedRequest(signal, transport, path, headers, compression, Instant.now(), message,
					accepted, body));
			if (this.stopped) {
				answer.complete(Reply.UNAVAILABLE);
			}
			else if (current.reply() == null) {
				this.held.add(answer);
			}
			else if (current.delay() != null) {
				this.delayed.put(answer, current.reply());
				this.scheduler.schedule(() -> completeDelayed(answer), current.delay().toNanos(), TimeUnit.NANOSECONDS);
			}
			else {
				answer.complete(current.reply());
			}
		}
		return answer;
	}

	private List<Runnable> releasePending() {
		List<Runnable> releases = new ArrayList<>();
		this.held.forEach((future) -> releases.add(() -> future.complete(Reply.UNAVAILABLE)));
		this.delayed.forEach((future, reply) -> releases.add(() -> future.complete(reply)));
		this.held.clear();
		this.delayed.clear();
		return releases;
	}

	private HttpServer startHttpServer(InetSocketAddress address) throws IOException {
		HttpServer server;
		if (this.httpSslContext != null) {
			HttpsServer httpsServer = HttpsServer.create(address, 0);
			httpsServer.setHttpsConfigurator(
					new ReceiverHttpsConfigurator(this.httpSslContext, this.tls.clientCertificatesRequired()));
			server = httpsServer;
		}
		else {
			server = HttpServer.create(address, 0);
		}
		server.createContext("/", this.httpHandler);
		server.setExecutor(this.httpExecutor);
		server.start();
		return server;
	}

	private Server startGrpcServer(InetSocketAddress address) throws IOException {
		// SO_REUSEADDR lets a restart bind the port while closed connections linger
		NettyServerBuilder builder = NettyServerBuilder.forAddress(address)
			.withOption(ChannelOption.SO_REUSEADDR, true)
			.decompressorRegistry(DecompressorRegistry.getDefaultInstance());
		if (this.grpcSslContext != null) {
			builder.sslContext(this.grpcSslContext);
		}
		for (Signal signal : Signal.values()) {
			builder.addService(OtlpGrpcServices.definition(signal, this));
		}
		Server server = builder.build();
		try {
			server.start();
		}
		catch (IOException | RuntimeException ex) {
			server.shutdownNow();
			throw ex;
		}
		return server;
	}

	private void stopServers() {
		Server grpc = this.grpcServer;
		HttpServer http = this.httpServer;
		this.grpcServer = null;
		this.httpServer = null;
		if (grpc != null) {
			grpc.shutdownNow();
		}
		if (http != null) {
			http.stop(0);
		}
		if (grpc != null) {
			try {
				grpc.awaitTermination(GRPC_TERMINATION_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	private String scheme() {
		return isTls() ? "https" : "http";
	}

	private void completeDelayed(CompletableFuture<Reply> answer) {
		Reply reply;
		synchronized (this.monitor) {
			reply = this.delayed.remove(answer);
		}
		if (reply != null) {
			answer.complete(reply);
		}
	}

	private void changeBehaviour(Behaviour behaviour) {
		changeBehaviour(behaviour, 0, 0);
	}

	private void changeBehaviour(Behaviour behaviour, int failures, int failureStatus) {
		List<CompletableFuture<Reply>> released = new ArrayList<>();
		synchronized (this.monitor) {
			this.behaviour = behaviour;
			this.failuresRemaining = failures;
			this.failureStatus = failureStatus;
			if (behaviour != Behaviour.NEVER) {
				released.addAll(this.held);
				this.held.clear();
			}
		}
		released.forEach((future) -> future.complete(Reply.UNAVAILABLE));
	}

	private <T> List<T> acceptedItems(Signal signal, Function<ReceivedRequest, List<T>> items) {
		return this.requests.stream()
			.filter((request) -> request.signal() == signal && request.accepted())
			.flatMap((request) -> items.apply(request).stream())
			.toList();
	}

	private Set<String> ids(Function<Span, String> id) {
		Set<String> ids = new LinkedHashSet<>();
		spans().forEach((span) -> ids.add(id.apply(span)));
		return Collections.unmodifiableSet(ids);
	}

	/**
	 * Bind a server, retrying while the port is still held by the previous server: the
	 * operating system can release it a moment after the close returned.
	 */
	private static <T> T bindRetrying(ServerStarter<T> starter) throws IOException {
		long deadline = System.nanoTime() + REBIND_TIMEOUT.toNanos();
		while (true) {
			try {
				return starter.start();
			}
			catch (IOException ex) {
				if (System.nanoTime() - deadline >= 0) {
					throw ex;
				}
				try {
					Thread.sleep(REBIND_INTERVAL.toMillis());
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					throw ex;
				}
			}
		}
	}

	private static <T> T await(Duration timeout, Callable<T> supplier, Predicate<T> condition) {
		return Awaitility.await()
			.atMost(timeout)
			.pollDelay(Duration.ZERO)
			.pollInterval(AWAIT_POLL_INTERVAL)
			.until(supplier, condition::test);
	}

	private static int checkStatus(int httpStatus) {
		if (httpStatus < 100 || httpStatus > 599) {
			throw new IllegalArgumentException("'httpStatus' must be a valid http status, not " + httpStatus);
		}
		return httpStatus;
	}

	private static InetAddress loopback() {
		try {
			return InetAddress.getByAddress("127.0.0.1", new byte[] { 127, 0, 0, 1 });
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static ThreadFactory daemonThreads(String prefix) {
		AtomicInteger counter = new AtomicInteger();
		return (runnable) -> {
			Thread thread = new Thread(runnable, prefix + counter.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

	/**
	 * Starts a server, failing with an {@link IOException} when its port cannot be bound.
	 *
	 * @param <T> the type of server
	 */
	@FunctionalInterface
	private interface ServerStarter<T> {

		T start() throws IOException;

	}

	/**
	 * Configures the TLS connections of the http server, requiring a client certificate
	 * for mutual TLS.
	 */
	private static final class ReceiverHttpsConfigurator extends HttpsConfigurator {

		private final boolean needClientAuth;

		ReceiverHttpsConfigurator(SSLContext sslContext, boolean needClientAuth) {
			super(sslContext);
			this.needClientAuth = needClientAuth;
		}

		@Override
		public void configure(HttpsParameters parameters) {
			SSLParameters sslParameters = getSSLContext().getDefaultSSLParameters();
			sslParameters.setNeedClientAuth(this.needClientAuth);
			parameters.setSSLParameters(sslParameters);
		}

	}

	/**
	 * How the receiver answers a request: with a reply, possibly after a delay, or not at
	 * all when the reply is {@code null}.
	 *
	 * @param reply the reply or {@code null} to hold the request
	 * @param delay the delay before replying or {@code null}
	 */
	private record Behaviour(Reply reply, Duration delay) {

		static final Behaviour NORMAL = new Behaviour(Reply.OK, null);

		static final Behaviour NEVER = new Behaviour(null, null);

		static Behaviour status(int httpStatus, Duration retryAfter) {
			return new Behaviour(new Reply(httpStatus, retryAfter), null);
		}

		static Behaviour delay(Duration delay) {
			return new Behaviour(Reply.OK, delay);
		}

	}

}
