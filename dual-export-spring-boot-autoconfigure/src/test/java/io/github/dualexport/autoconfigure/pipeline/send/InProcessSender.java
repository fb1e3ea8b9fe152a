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

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import io.opentelemetry.sdk.common.CompletableResultCode;

import static org.awaitility.Awaitility.await;

/**
 * A {@link RequestSender} that keeps what it is given in memory and answers as told: the
 * backend of the send queue's unit tests.
 *
 * @author Dual Export contributors
 */
final class InProcessSender implements RequestSender {

	private final Encoding encoding;

	private final List<BufferedRequest> received = new CopyOnWriteArrayList<>();

	private final List<String> threads = new CopyOnWriteArrayList<>();

	private volatile Function<BufferedRequest, CompletableResultCode> answer = (request) -> CompletableResultCode
		.ofSuccess();

	private volatile boolean shutdown;

	InProcessSender(Encoding encoding) {
		this.encoding = encoding;
	}

	/**
	 * Answer every request from now on as the function says.
	 * @param answer the answer to each request
	 */
	void answer(Function<BufferedRequest, CompletableResultCode> answer) {
		this.answer = answer;
	}

	/**
	 * Never answer requests from now on.
	 */
	void neverAnswer() {
		answer((request) -> new CompletableResultCode());
	}

	List<BufferedRequest> received() {
		return this.received;
	}

	List<BufferedRequest> awaitReceived(int count) {
		await().atMost(Duration.ofSeconds(10)).until(() -> this.received.size() >= count);
		return this.received;
	}

	List<String> threads() {
		return this.threads;
	}

	boolean isShutdown() {
		return this.shutdown;
	}

	@Override
	public Encoding encoding() {
		return this.encoding;
	}

	@Override
	public CompletableResultCode send(BufferedRequest request) {
		this.threads.add(Thread.currentThread().getName());
		this.received.add(request);
		return this.answer.apply(request);
	}

	@Override
	public boolean isTransient(Throwable failure) {
		return failure instanceof IllegalStateException;
	}

	@Override
	public CompletableResultCode shutdown() {
		this.shutdown = true;
		return CompletableResultCode.ofSuccess();
	}

}
