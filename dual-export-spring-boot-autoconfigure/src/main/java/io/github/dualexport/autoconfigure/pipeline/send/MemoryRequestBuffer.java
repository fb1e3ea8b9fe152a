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

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A {@link RequestBuffer} in memory. When a request does not fit, the new request is
 * dropped (as the SDK's batch processors and the Collector's sending queue do) so that
 * what was queued first is sent first; a request is always taken into an empty buffer, so
 * that one larger than the byte bound still goes out.
 *
 * @author Dual Export contributors
 */
final class MemoryRequestBuffer extends CountedRequestBuffer {

	private final Deque<BufferedRequest> requests = new ArrayDeque<>();

	private final long maxItems;

	private final long maxBytes;

	/**
	 * Create a new instance.
	 * @param maxItems the most items held, or 0 for no item bound
	 * @param maxBytes the most bytes held
	 */
	MemoryRequestBuffer(long maxItems, long maxBytes) {
		this.maxItems = maxItems;
		this.maxBytes = maxBytes;
	}

	@Override
	public synchronized int add(BufferedRequest request) {
		boolean fits = (this.maxItems == 0 || items() + request.items() <= this.maxItems)
				&& bytes() + request.size() <= this.maxBytes;
		if (!fits && !this.requests.isEmpty()) {
			return request.items();
		}
		this.requests.addLast(request);
		count(request.items(), request.size());
		return 0;
	}

	@Override
	public synchronized BufferedRequest head() {
		return this.requests.peekFirst();
	}

	@Override
	public synchronized void remove(BufferedRequest request) {
		if (this.requests.peekFirst() == request) {
			this.requests.removeFirst();
			count(-request.items(), -request.size());
		}
	}

	@Override
	public long discarded() {
		return 0;
	}

	@Override
	public long itemCapacity() {
		return this.maxItems;
	}

	@Override
	public boolean isDurable() {
		return false;
	}

	@Override
	public synchronized void close() {
		this.requests.clear();
		count(-items(), -bytes());
	}

}
