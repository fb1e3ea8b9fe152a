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

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An OTLP http/protobuf endpoint on 127.0.0.1 that accepts every request and keeps
 * nothing but counts: it stands for a backend on another machine in benchmarks, so that
 * they measure the application's cost of sending, not a receiver's cost of decoding and
 * keeping what it received on the same cores. Use {@link OtlpReceiver} to look at what
 * arrived.
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

	private OtlpSink() {
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
		return new OtlpSink();
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

	private void discard(HttpExchange exchange) throws IOException {
		try (InputStream body = exchange.getRequestBody()) {
			this.bytes.addAndGet(body.transferTo(OutputStream.nullOutputStream()));
		}
		this.requests.incrementAndGet();
		// An empty body is an empty Export*ServiceResponse: everything accepted
		exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
		exchange.sendResponseHeaders(200, -1);
		exchange.close();
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

}
