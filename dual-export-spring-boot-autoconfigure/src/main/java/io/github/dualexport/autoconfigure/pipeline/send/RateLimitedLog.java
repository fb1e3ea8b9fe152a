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
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;

/**
 * Logs one kind of recurring problem at most once per interval, with the number of
 * occurrences since the last line, so that a backend down for hours writes a line a
 * minute rather than one per request.
 *
 * @author Dual Export contributors
 */
final class RateLimitedLog {

	private final Log logger;

	private final long intervalNanos;

	private final AtomicLong suppressed = new AtomicLong();

	private volatile long lastLoggedAt;

	private volatile boolean loggedOnce;

	RateLimitedLog(Log logger, Duration interval) {
		this.logger = logger;
		this.intervalNanos = interval.toNanos();
	}

	/**
	 * Log a warning now unless one was logged within the interval.
	 * @param message the message, told how many occurrences it stands for
	 */
	void warn(MessageWithCount message) {
		if (!this.logger.isWarnEnabled()) {
			return;
		}
		long now = System.nanoTime();
		synchronized (this) {
			if (this.loggedOnce && now - this.lastLoggedAt < this.intervalNanos) {
				this.suppressed.incrementAndGet();
				return;
			}
			this.loggedOnce = true;
			this.lastLoggedAt = now;
		}
		this.logger.warn(message.get(this.suppressed.getAndSet(0) + 1));
	}

	/**
	 * Builds a message for a number of occurrences.
	 */
	@FunctionalInterface
	interface MessageWithCount {

		/**
		 * Return the message.
		 * @param occurrences the occurrences it stands for, at least 1
		 * @return the message
		 */
		String get(long occurrences);

	}

}
