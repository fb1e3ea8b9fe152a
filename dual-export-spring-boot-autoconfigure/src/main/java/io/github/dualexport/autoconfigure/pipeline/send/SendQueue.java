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

package io.github.dualexport.autoconfigure.pipeline.send;

import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import io.github.dualexport.autoconfigure.backend.Signal;
import io.github.dualexport.autoconfigure.otel.OtlpExportException;
import io.github.dualexport.autoconfigure.pipeline.PipelineSnapshot;
import io.github.dualexport.autoconfigure.pipeline.QueueState;
import io.opentelemetry.sdk.common.CompletableResultCode;

/**
 * One backend's send stage for one signal: a bounded {@link RequestBuffer} of encoded
 * requests, drained by the backend's own thread through its own {@link RequestSender}.
 * Adding never blocks: what does not fit is dropped, counted and logged at most once a
 * minute; a slow or dead backend fills only its own buffer.
 * <p>
 * A request that finally fails is given up (counted as failed), unless the failure is
 * retryable by the OTLP specification and either the buffer is durable or the backend
 * said when to come back ({@code Retry-After}, gRPC {@code RetryInfo}): then it stays at
 * the head and is sent again after a pause, no shorter than the backend asked for and not
 * cut short by new requests, at most {@code maxAttempts} times in all.
 * <p>
 * Every item is counted once: exported, failed, or dropped (refused by a full buffer,
 * given up by the buffer, or left in memory at shutdown); a request in flight when the
 * shutdown interrupts it is counted as failed, or stays on disk.
 * <p>
 * Switched off with {@link #setAccepting(boolean)}, the queue takes no new requests and
 * goes on sending what it holds. Queues are made by {@link SendStages} and fed by a
 * {@link FanOut}.
 *
 * @author Dual Export contributors
 */
public final class SendQueue {

	private static final Log logger = LogFactory.getLog(SendQueue.class);

	private static final Duration LOG_INTERVAL = Duration.ofMinutes(1);

	/**
	 * The longest pause between two attempts of a kept request, unless the backend asks
	 * for a longer one: the Collector's default {@code max_interval}.
	 */
	static final Duration MAX_RETRY_PAUSE = Duration.ofSeconds(30);

	/**
	 * How long a shutdown waits for the thread to stop once it gave up the queue.
	 */
	private static final Duration ABANDON_GRACE = Duration.ofMillis(50);

	private final String backend;

	private final Signal signal;

	private final RequestBuffer buffer;

	private final RequestSender sender;

	private final ExportRecorder recorder;

	private final Duration requestBound;

	private final Duration retryPause;

	private final int maxAttempts;

	private final Duration shutdownTimeout;

	private final Object lock = new Object();

	private final List<CompletableResultCode> flushes = new ArrayList<>();

	private final AtomicLong dropped = new AtomicLong();

	private final RateLimitedLog dropLog = new RateLimitedLog(logger, LOG_INTERVAL);

	private final RateLimitedLog failureLog = new RateLimitedLog(logger, LOG_INTERVAL);

	private final Thread worker;

	private volatile boolean accepting = true;

	private volatile boolean abandoned;

	private volatile @Nullable CompletableResultCode inFlight;

	private boolean sending;

	private boolean closing;

	private CompletableResultCode shutdown;

	// Attempts of the request at the head; only the queue's thread touches them
	private long attemptedKey;

	private int attempts;

	/**
	 * Create a send queue and start its thread.
	 * @param backend the backend name
	 * @param signal the signal
	 * @param buffer where requests wait
	 * @param sender sends them
	 * @param recorder records the outcome of each request
	 * @param requestBound the longest one request may take, retries included
	 * @param retryPause the first pause before sending again a request that was kept,
	 * doubled after each attempt up to {@link #MAX_RETRY_PAUSE}
	 * @param maxAttempts the most times one request is sent, each time with the sender's
	 * own retries
	 * @param shutdownTimeout how long a shutdown waits for the buffer to drain
	 */
	SendQueue(String backend, Signal signal, RequestBuffer buffer, RequestSender sender, ExportRecorder recorder,
			Duration requestBound, Duration retryPause, int maxAttempts, Duration shutdownTimeout) {
		this.backend = backend;
		this.signal = signal;
		this.buffer = buffer;
		this.sender = sender;
		this.recorder = recorder;
		this.requestBound = requestBound;
		this.retryPause = retryPause;
		this.maxAttempts = maxAttempts;
		this.shutdownTimeout = shutdownTimeout;
		this.worker = new Thread(this::run, "dual-export-" + backend + "-" + signal.id());
		this.worker.setDaemon(true);
		this.worker.start();
	}

	/**
	 * Return the name of the backend this queue sends to.
	 * @return the backend name
	 */
	public String backend() {
		return this.backend;
	}

	/**
	 * Return the signal this queue carries.
	 * @return the signal
	 */
	public Signal signal() {
		return this.signal;
	}

	/**
	 * Return whether the queue takes new requests.
	 * @return whether it is accepting
	 */
	public boolean isAccepting() {
		return this.accepting;
	}

	/**
	 * Switch the queue on or off; switched off, it takes no new requests and goes on
	 * sending what it holds.
	 * @param accepting whether to take new requests
	 */
	public void setAccepting(boolean accepting) {
		this.accepting = accepting;
	}

	/**
	 * Return the encoding the backend's sender sends.
	 * @return the encoding
	 */
	Encoding encoding() {
		return this.sender.encoding();
	}

	/**
	 * Queue a request for sending; never blocks on the backend.
	 * @param request the request, encoded in this queue's {@link #encoding()} at least
	 */
	void add(EncodedRequest request) {
		if (!this.accepting) {
			return;
		}
		BufferedRequest buffered = new BufferedRequest(request.bytes(encoding()), request.items(),
				System.currentTimeMillis());
		int droppedItems;
		synchronized (this.lock) {
			droppedItems = this.closing ? buffered.items() : this.buffer.add(buffered);
			this.lock.notifyAll();
		}
		if (droppedItems > 0) {
			this.dropped.addAndGet(droppedItems);
			this.dropLog.warn((times) -> "Dropped " + this.signal.id() + " for backend '" + this.backend + "' " + times
					+ " time(s) in the last minute: its send queue is full (" + this.buffer.items() + " items, "
					+ this.buffer.bytes() + " bytes)");
		}
	}

	/**
	 * Return the state of the queue.
	 * @return the items waiting, the item capacity and the items dropped so far
	 */
	public QueueState state() {
		return new QueueState(this.buffer.items(), this.buffer.itemCapacity(),
				this.dropped.get() + this.buffer.discarded(), this.buffer.bytes());
	}

	/**
	 * Return the recorded export outcomes with the queue's state.
	 * @param group the id of the capture group feeding this queue
	 * @param upstreamDropped the items dropped before they reached this queue, by the
	 * capture stage its group shares
	 * @return a snapshot
	 */
	public PipelineSnapshot snapshot(String group, long upstreamDropped) {
		QueueState state = state();
		return this.recorder.snapshot(
				new QueueState(state.size(), state.capacity(), state.dropped() + upstreamDropped, state.bytes()),
				this.accepting, group);
	}

	/**
	 * Wait for everything queued now to be sent or given up.
	 * @return completes when the queue is empty and nothing is in flight
	 */
	public CompletableResultCode flush() {
		synchronized (this.lock) {
			if (isIdle()) {
				return CompletableResultCode.ofSuccess();
			}
			CompletableResultCode result = new CompletableResultCode();
			this.flushes.add(result);
			return result;
		}
	}

	/**
	 * Stop taking requests, send what is queued within the shutdown timeout, then stop
	 * the thread and release the sender; what is left is lost (and counted as dropped)
	 * unless the buffer is durable. Idempotent.
	 * @return completes when the queue is closed
	 */
	public CompletableResultCode shutdown() {
		return shutdown(System.nanoTime() + this.shutdownTimeout.toNanos());
	}

	/**
	 * Stop taking requests and send what is queued until the given deadline; then give up
	 * the request in flight and what is left, counting their items as dropped once (a
	 * durable buffer keeps them instead), stop the thread and release the sender.
	 * Idempotent: a later call keeps the first deadline.
	 * @param deadline when to give up, in {@link System#nanoTime()} terms
	 * @return completes when the queue is closed
	 */
	public CompletableResultCode shutdown(long deadline) {
		synchronized (this.lock) {
			if (this.shutdown == null) {
				this.shutdown = new CompletableResultCode();
				this.closing = true;
				this.lock.notifyAll();
				Thread deadlineThread = new Thread(() -> closeAt(deadline),
						"dual-export-" + this.backend + "-" + this.signal.id() + "-shutdown");
				deadlineThread.setDaemon(true);
				deadlineThread.start();
			}
			return this.shutdown;
		}
	}

	private void closeAt(long deadline) {
		joinWorker(deadline);
		if (this.worker.isAlive()) {
			synchronized (this.lock) {
				this.abandoned = true;
				this.lock.notifyAll();
			}
			// The request in flight is given up: failing it first makes its late answer
			// count for nothing, so that its items are counted once, below
			CompletableResultCode request = this.inFlight;
			if (request != null) {
				request.failExceptionally(new AbandonedAtShutdownException());
			}
			joinWorker(System.nanoTime() + ABANDON_GRACE.toNanos());
			if (this.worker.isAlive()) {
				this.worker.interrupt();
				joinWorker(System.nanoTime() + ABANDON_GRACE.toNanos());
			}
		}
		long left = this.buffer.items();
		if (!this.buffer.isDurable()) {
			// Lost with the memory they were held in
			this.dropped.addAndGet(left);
		}
		this.buffer.close();
		CompletableResultCode senderShutdown = this.sender.shutdown();
		senderShutdown.whenComplete(() -> {
			if (left == 0) {
				this.shutdown.succeed();
			}
			else {
				this.shutdown.fail();
			}
		});
	}

	private void joinWorker(long deadline) {
		long millis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
		try {
			// join(0) would wait for ever
			this.worker.join(Math.max(millis, 1));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private boolean isIdle() {
		return !this.sending && this.buffer.head() == null;
	}

	private boolean isKept(@Nullable Throwable failure, int attempt) {
		if (failure instanceof AbandonedAtShutdownException) {
			// A request given up at shutdown stays in the buffer: counted dropped, or
			// kept
			// on disk for the next start, never also counted failed
			return true;
		}
		if (attempt >= this.maxAttempts || !this.sender.isTransient(failure)) {
			return false;
		}
		return this.buffer.isDurable() || askedDelay(failure) != null;
	}

	private static @Nullable Duration askedDelay(@Nullable Throwable failure) {
		return (failure instanceof OtlpExportException export) ? export.retryDelay() : null;
	}

	private Duration pauseAfter(@Nullable Throwable failure, int attempt) {
		long factor = 1L << Math.min(attempt - 1, 16);
		Duration backoff = this.retryPause.multipliedBy(factor);
		if (backoff.compareTo(MAX_RETRY_PAUSE) > 0) {
			backoff = (this.retryPause.compareTo(MAX_RETRY_PAUSE) > 0) ? this.retryPause : MAX_RETRY_PAUSE;
		}
		Duration asked = askedDelay(failure);
		return (asked != null && asked.compareTo(backoff) > 0) ? asked : backoff;
	}

	private void run() {
		try {
			BufferedRequest request;
			while ((request = next()) != null) {
				send(request);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			synchronized (this.lock) {
				this.sending = false;
				this.flushes.forEach(CompletableResultCode::succeed);
				this.flushes.clear();
			}
		}
	}

	private BufferedRequest next() throws InterruptedException {
		synchronized (this.lock) {
			this.sending = false;
			BufferedRequest request;
			while ((request = this.buffer.head()) == null) {
				this.flushes.forEach(CompletableResultCode::succeed);
				this.flushes.clear();
				if (this.closing) {
					return null;
				}
				this.lock.wait();
			}
			if (this.abandoned) {
				return null;
			}
			this.sending = true;
			return request;
		}
	}

	private void send(BufferedRequest request) throws InterruptedException {
		long key = key(request);
		if (key != this.attemptedKey) {
			this.attemptedKey = key;
			this.attempts = 0;
		}
		int attempt = ++this.attempts;
		CompletableResultCode result = this.recorder.record(request.items(), () -> this.sender.send(request),
				(failure) -> isKept(failure, attempt));
		this.inFlight = result;
		if (this.abandoned) {
			result.failExceptionally(new AbandonedAtShutdownException());
		}
		CountDownLatch done = new CountDownLatch(1);
		result.whenComplete(done::countDown);
		try {
			if (!done.await(this.requestBound.toMillis(), TimeUnit.MILLISECONDS)) {
				result.failExceptionally(OtlpExportException.noResponse(false,
						new SocketTimeoutException("No answer within " + this.requestBound)));
			}
		}
		catch (InterruptedException ex) {
			// Interrupted by the shutdown: given up like an abandoned request, counted
			// once
			result.failExceptionally(new AbandonedAtShutdownException());
			this.inFlight = null;
			throw ex;
		}
		this.inFlight = null;
		if (result.getFailureThrowable() instanceof AbandonedAtShutdownException) {
			// Left in the buffer for the shutdown to count or keep
			throw new InterruptedException();
		}
		if (!settle(request, result, attempt)) {
			return;
		}
		Duration pause = pauseAfter(result.getFailureThrowable(), attempt);
		synchronized (this.lock) {
			// New requests notify the lock: they must not cut the pause short
			long deadline = System.nanoTime() + pause.toNanos();
			long remaining;
			while (!this.closing && (remaining = deadline - System.nanoTime()) > 0) {
				TimeUnit.NANOSECONDS.timedWait(this.lock, remaining);
			}
		}
		if (this.closing) {
			// Kept on disk for the next start rather than retried through the shutdown
			throw new InterruptedException();
		}
	}

	/**
	 * Remove a request that was sent or given up, or release one that is kept.
	 * @return whether the request is kept, to be sent again
	 */
	private boolean settle(BufferedRequest request, CompletableResultCode result, int attempt) {
		if (result.isSuccess()) {
			this.buffer.remove(request);
			return false;
		}
		Throwable failure = result.getFailureThrowable();
		boolean keep = isKept(failure, attempt);
		if (!(failure instanceof AbandonedAtShutdownException)) {
			this.failureLog.warn((times) -> "Failed to export " + this.signal.id() + " to backend '" + this.backend
					+ "' " + times + " time(s) in the last minute, last: " + ExportRecorder.describe(failure)
					+ (keep ? "; kept to be sent again" : ""));
		}
		if (keep) {
			this.buffer.release(request);
		}
		else {
			this.buffer.remove(request);
		}
		return keep;
	}

	private static long key(BufferedRequest request) {
		return request.createdAtMillis() * 31 * 31 + request.items() * 31L + request.body().length;
	}

	/**
	 * The failure of a request given up because the shutdown deadline passed.
	 */
	private static final class AbandonedAtShutdownException extends RuntimeException {

		AbandonedAtShutdownException() {
			super("Given up at shutdown", null, false, false);
		}

	}

}
