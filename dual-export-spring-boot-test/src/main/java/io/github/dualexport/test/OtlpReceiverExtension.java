package io.github.dualexport.test;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.trace.v1.Span;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit Jupiter extension that provides an {@link OtlpReceiver}.
 * <p>
 * Register it on a static field to share one receiver between the tests of a class:
 * <pre class="code">
 * &#064;RegisterExtension
 * static OtlpReceiverExtension receiver = new OtlpReceiverExtension();
 * </pre> The receiver is started on first use, cleared and switched back to
 * {@link OtlpReceiver#respondNormally() normal answers} before each test and closed after
 * all tests, including those of {@code @Nested} classes. When registered on an instance
 * field the receiver is closed after each test instead. A receiver that a test
 * {@link OtlpReceiver#stop() stopped} is restarted before the next test. Test and
 * lifecycle methods can also declare an {@link OtlpReceiver} parameter, which also works
 * with {@code @ExtendWith(OtlpReceiverExtension.class)}.
 * <p>
 * For a receiver that speaks TLS pass its settings: <pre class="code">
 * &#064;RegisterExtension
 * static OtlpReceiverExtension receiver = new OtlpReceiverExtension(TestCertificates.mutualTls());
 * </pre>
 */
public final class OtlpReceiverExtension
		implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback, ParameterResolver {

	private final Object monitor = new Object();

	private final OtlpTls tls;

	private OtlpReceiver receiver;

	private int classDepth;

	/**
	 * Create a new extension for a plain text receiver. The receiver is started lazily.
	 */
	public OtlpReceiverExtension() {
		this.tls = null;
	}

	/**
	 * Create a new extension for a receiver that speaks TLS, as started by
	 * {@link OtlpReceiver#startTls(OtlpTls)}. The receiver is started lazily.
	 * @param tls the TLS settings of the receiver
	 */
	public OtlpReceiverExtension(OtlpTls tls) {
		this.tls = Objects.requireNonNull(tls, "'tls' must not be null");
	}

	/**
	 * Return the receiver of this extension, starting it if needed.
	 * @return the receiver, running unless a test {@link OtlpReceiver#stop() stopped} it
	 */
	public OtlpReceiver receiver() {
		synchronized (this.monitor) {
			if (this.receiver == null) {
				this.receiver = (this.tls != null) ? OtlpReceiver.startTls(this.tls) : OtlpReceiver.start();
			}
			return this.receiver;
		}
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		synchronized (this.monitor) {
			this.classDepth++;
		}
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		OtlpReceiver receiver = receiver();
		if (!receiver.isRunning()) {
			receiver.restart();
		}
		receiver.respondNormally();
		receiver.reset();
	}

	@Override
	public void afterEach(ExtensionContext context) {
		if (isClassLevel()) {
			OtlpReceiver receiver = current();
			if (receiver != null) {
				receiver.respondNormally();
			}
		}
		else {
			closeReceiver();
		}
	}

	@Override
	public void afterAll(ExtensionContext context) {
		boolean outermost;
		synchronized (this.monitor) {
			this.classDepth--;
			outermost = this.classDepth == 0;
		}
		if (outermost) {
			closeReceiver();
		}
	}

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return parameterContext.getParameter().getType() == OtlpReceiver.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return receiver();
	}

	/**
	 * Delegates to {@link OtlpReceiver#httpEndpoint()}.
	 * @return the http base URL
	 */
	public String httpEndpoint() {
		return receiver().httpEndpoint();
	}

	/**
	 * Delegates to {@link OtlpReceiver#grpcEndpoint()}.
	 * @return the gRPC URL
	 */
	public String grpcEndpoint() {
		return receiver().grpcEndpoint();
	}

	/**
	 * Delegates to {@link OtlpReceiver#httpPort()}.
	 * @return the http port
	 */
	public int httpPort() {
		return receiver().httpPort();
	}

	/**
	 * Delegates to {@link OtlpReceiver#grpcPort()}.
	 * @return the gRPC port
	 */
	public int grpcPort() {
		return receiver().grpcPort();
	}

	/**
	 * Delegates to {@link OtlpReceiver#requests()}.
	 * @return the received requests
	 */
	public List<ReceivedRequest> requests() {
		return receiver().requests();
	}

	/**
	 * Delegates to {@link OtlpReceiver#requests(Signal)}.
	 * @param signal the signal
	 * @return the received requests for that signal
	 */
	public List<ReceivedRequest> requests(Signal signal) {
		return receiver().requests(signal);
	}

	/**
	 * Delegates to {@link OtlpReceiver#spans()}.
	 * @return the accepted spans
	 */
	public List<Span> spans() {
		return receiver().spans();
	}

	/**
	 * Delegates to {@link OtlpReceiver#traceIds()}.
	 * @return the accepted trace ids
	 */
	public Set<String> traceIds() {
		return receiver().traceIds();
	}

	/**
	 * Delegates to {@link OtlpReceiver#spanIds()}.
	 * @return the accepted span ids
	 */
	public Set<String> spanIds() {
		return receiver().spanIds();
	}

	/**
	 * Delegates to {@link OtlpReceiver#metrics()}.
	 * @return the accepted metrics
	 */
	public List<Metric> metrics() {
		return receiver().metrics();
	}

	/**
	 * Delegates to {@link OtlpReceiver#logRecords()}.
	 * @return the accepted log records
	 */
	public List<LogRecord> logRecords() {
		return receiver().logRecords();
	}

	/**
	 * Delegates to {@link OtlpReceiver#logRecords(String)}.
	 * @param scopeName the instrumentation scope name, such as a logger name
	 * @return the accepted log records of that scope
	 */
	public List<LogRecord> logRecords(String scopeName) {
		return receiver().logRecords(scopeName);
	}

	/**
	 * Delegates to {@link OtlpReceiver#stop()}.
	 */
	public void stop() {
		receiver().stop();
	}

	/**
	 * Delegates to {@link OtlpReceiver#restart()}.
	 */
	public void restart() {
		receiver().restart();
	}

	/**
	 * Delegates to {@link OtlpReceiver#reset()}.
	 */
	public void reset() {
		receiver().reset();
	}

	/**
	 * Delegates to {@link OtlpReceiver#respondNormally()}.
	 */
	public void respondNormally() {
		receiver().respondNormally();
	}

	/**
	 * Delegates to {@link OtlpReceiver#respondWithStatus(int)}.
	 * @param httpStatus the http status
	 */
	public void respondWithStatus(int httpStatus) {
		receiver().respondWithStatus(httpStatus);
	}

	/**
	 * Delegates to {@link OtlpReceiver#respondWithStatus(int, Duration)}.
	 * @param httpStatus the http status
	 * @param retryAfter the delay to advertise or {@code null}
	 */
	public void respondWithStatus(int httpStatus, Duration retryAfter) {
		receiver().respondWithStatus(httpStatus, retryAfter);
	}

	/**
	 * Delegates to {@link OtlpReceiver#respondAfter(Duration)}.
	 * @param delay the delay before answering
	 */
	public void respondAfter(Duration delay) {
		receiver().respondAfter(delay);
	}

	/**
	 * Delegates to {@link OtlpReceiver#neverRespond()}.
	 */
	public void neverRespond() {
		receiver().neverRespond();
	}

	/**
	 * Delegates to {@link OtlpReceiver#failNextRequests(int, int)}.
	 * @param count the number of requests to fail
	 * @param httpStatus the http status of the failures
	 */
	public void failNextRequests(int count, int httpStatus) {
		receiver().failNextRequests(count, httpStatus);
	}

	/**
	 * Delegates to {@link OtlpReceiver#awaitSpans(int, Duration)}.
	 * @param atLeast the minimum number of spans
	 * @param timeout the maximum time to wait
	 * @return the accepted spans
	 */
	public List<Span> awaitSpans(int atLeast, Duration timeout) {
		return receiver().awaitSpans(atLeast, timeout);
	}

	/**
	 * Delegates to {@link OtlpReceiver#awaitSpansNamed(String, int, Duration)}.
	 * @param name the span name
	 * @param atLeast the minimum number of matching spans
	 * @param timeout the maximum time to wait
	 * @return the matching accepted spans
	 */
	public List<Span> awaitSpansNamed(String name, int atLeast, Duration timeout) {
		return receiver().awaitSpansNamed(name, atLeast, timeout);
	}

	/**
	 * Delegates to {@link OtlpReceiver#awaitLogRecords(String, int, Duration)}.
	 * @param scopeName the instrumentation scope name, such as a logger name
	 * @param atLeast the minimum number of log records
	 * @param timeout the maximum time to wait
	 * @return the log records of that scope
	 */
	public List<LogRecord> awaitLogRecords(String scopeName, int atLeast, Duration timeout) {
		return receiver().awaitLogRecords(scopeName, atLeast, timeout);
	}

	/**
	 * Delegates to {@link OtlpReceiver#awaitRequests(Signal, int, Duration)}.
	 * @param signal the signal
	 * @param atLeast the minimum number of requests
	 * @param timeout the maximum time to wait
	 * @return the received requests for that signal
	 */
	public List<ReceivedRequest> awaitRequests(Signal signal, int atLeast, Duration timeout) {
		return receiver().awaitRequests(signal, atLeast, timeout);
	}

	private boolean isClassLevel() {
		synchronized (this.monitor) {
			return this.classDepth > 0;
		}
	}

	private OtlpReceiver current() {
		synchronized (this.monitor) {
			return this.receiver;
		}
	}

	private void closeReceiver() {
		OtlpReceiver receiver;
		synchronized (this.monitor) {
			receiver = this.receiver;
			this.receiver = null;
		}
		if (receiver != null) {
			receiver.close();
		}
	}

}
