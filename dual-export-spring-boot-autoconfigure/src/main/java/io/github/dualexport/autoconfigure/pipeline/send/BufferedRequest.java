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
 * One request waiting in a backend's send queue: the bytes to send in the backend's
 * encoding.
 *
 * @param body the request body, shared: never modify it
 * @param items the number of items in the request
 * @param createdAtMillis when the request was encoded, in epoch milliseconds
 * @author Dual Export contributors
 */
record BufferedRequest(byte[] body, int items, long createdAtMillis) {

	/**
	 * Return the number of bytes the request holds.
	 * @return the size of the body
	 */
	public long size() {
		return this.body.length;
	}

}
