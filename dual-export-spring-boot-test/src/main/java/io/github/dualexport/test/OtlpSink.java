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
package io.github.dualexport.test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;

/**
 * An OTLP http/protobuf endpoint on 127.0.0.1 that accepts every request and keeps
 * nothing but counts: it stands for a backend on another machine in benchmarks, so that
 * they measure the application's cost of sending, not a receiver's cost of decoding and
 * keeping what it received on the same cores. Use {@link OtlpReceiver} to look at what
 * arrived. A sink started with {@link #startCountingLogRecords()} also decodes log
 * requests to count their records, which costs a decode per request but keeps nothing.
 *
 * @author Dual Export contributors
 */
public final class OtlpSink implements AutoCloseable {

	private final HttpServer server;

	private final ExecutorService executor = Executors.newFixedThreadPool(2, (task) -> {
		Thread thread = new Thread(task, "otlp-sink");
		thread.setDaemon(true);
		return thread;
	});

	private final AtomicLong requests = new AtomicLong();

	private final AtomicLong bytes = new AtomicLong();

	private final AtomicLong logRecords = new AtomicLong();

	private final boolean countLogRecords;

	private OtlpSink(boolean countLogRecords) {
		this.countLogRecords = countLogRecords;
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.createContext("/", this::discard);
		this.server.setExecutor(this.executor);
		this.server.start();
	}

	/**
	 * Start a sink on an ephemeral port.
	 * @return the sink
	 */
	public static OtlpSink start() {
		return new OtlpSink(false);
	}

	/**
	 * Start a sink on an ephemeral port that counts the log records it receives.
	 * @return the sink
	 */
	public static OtlpSink startCountingLogRecords() {
		return new OtlpSink(true);
	}

	/**
	 * Return the base URL of the sink; any path is accepted.
	 * @return the base URL, such as {@code http://127.0.0.1:40123}
	 */
	public String httpEndpoint() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	/**
	 * Return the number of requests accepted so far.
	 * @return the number of requests
	 */
	public long requests() {
		return this.requests.get();
	}

	/**
	 * Return the number of body bytes read so far, as sent (compressed or not).
	 * @return the number of bytes
	 */
	public long bytes() {
		return this.bytes.get();
	}

	/**
	 * Return the number of log records received so far, by a sink started with
	 * {@link #startCountingLogRecords()}.
	 * @return the number of log records
	 */
	public long logRecords() {
		if (!this.countLogRecords) {
			throw new IllegalStateException("This sink does not count log records: use startCountingLogRecords()");
		}
		return this.logRecords.get();
	}

	private void discard(HttpExchange exchange) throws IOException {
		try (InputStream body = exchange.getRequestBody()) {
			if (this.countLogRecords && exchange.getRequestURI().getPath().endsWith(Signal.LOGS.httpPathSuffix())) {
				byte[] bytes = body.readAllBytes();
				this.bytes.addAndGet(bytes.length);
				this.logRecords.addAndGet(countLogRecords(bytes,
						"gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))));
			}
			else {
				this.bytes.addAndGet(body.transferTo(OutputStream.nullOutputStream()));
			}
		}
		this.requests.incrementAndGet();
		// An empty body is an empty Export*ServiceResponse: everything accepted
		exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
		exchange.sendResponseHeaders(200, -1);
		exchange.close();
	}

	private static long countLogRecords(byte[] body, boolean gzip) throws IOException {
		byte[] protobuf = body;
		if (gzip) {
			try (InputStream decompressed = new GZIPInputStream(new ByteArrayInputStream(body))) {
				protobuf = decompressed.readAllBytes();
			}
		}
		long records = 0;
		for (ResourceLogs resource : ExportLogsServiceRequest.parseFrom(protobuf).getResourceLogsList()) {
			for (ScopeLogs scope : resource.getScopeLogsList()) {
				records += scope.getLogRecordsCount();
			}
		}
		return records;
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

}
