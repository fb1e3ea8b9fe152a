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

/**
 * Where a backend's encoded requests wait, oldest first, until its sender has sent them.
 * Bounded in items and bytes; what does not fit is dropped and reported. Implementations
 * are called by any number of producers and one consumer.
 *
 * @author Dual Export contributors
 */
interface RequestBuffer {

	/**
	 * Add a request at the tail.
	 * @param request the request
	 * @return the number of items dropped to keep the buffer within its bounds: the
	 * request's own when it is refused, or those of older requests evicted for it
	 */
	int add(BufferedRequest request);

	/**
	 * Return the oldest request without removing it.
	 * @return the oldest request, or {@code null} when the buffer is empty
	 */
	BufferedRequest head();

	/**
	 * Remove the oldest request, once it was sent or given up.
	 * @param request the request returned by {@link #head()}
	 */
	void remove(BufferedRequest request);

	/**
	 * Tell the buffer that the oldest request, which failed, is kept but not being sent
	 * until its next attempt: until then it may be evicted like any other.
	 * @param request the request returned by {@link #head()}
	 */
	default void release(BufferedRequest request) {
	}

	/**
	 * Return the number of items the buffer holds.
	 * @return the number of items
	 */
	long items();

	/**
	 * Return the number of bytes the buffer holds.
	 * @return the number of bytes
	 */
	long bytes();

	/**
	 * Return the number of items the buffer gave up on its own, outside
	 * {@link #add(BufferedRequest)}: kept past their age or found unreadable.
	 * @return the number of items discarded so far
	 */
	long discarded();

	/**
	 * Return the most items the buffer holds, or 0 when it is bounded by bytes only.
	 * @return the item capacity
	 */
	long itemCapacity();

	/**
	 * Return whether requests survive a restart of the application, so that one that
	 * failed is kept and sent again later rather than given up.
	 * @return whether the buffer is durable
	 */
	boolean isDurable();

	/**
	 * Release the buffer's resources; what a durable buffer holds stays.
	 */
	void close();

}
