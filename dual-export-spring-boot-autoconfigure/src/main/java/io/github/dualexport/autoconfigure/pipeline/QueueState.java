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
package io.github.dualexport.autoconfigure.pipeline;

/**
 * The state of a pipeline's queue.
 *
 * @param size the items waiting
 * @param capacity the maximum items
 * @param dropped the items dropped so far
 * @param bytes the bytes waiting, where they are counted
 * @author Dual Export contributors
 */
public record QueueState(long size, long capacity, long dropped, long bytes) {

	/**
	 * The state of a pipeline without a queue.
	 */
	public static final QueueState NONE = new QueueState(0, 0, 0, 0);

}
