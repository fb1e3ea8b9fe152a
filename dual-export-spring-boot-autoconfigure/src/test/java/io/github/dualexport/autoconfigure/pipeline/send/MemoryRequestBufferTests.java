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

import org.junit.jupiter.api.Test;

import static io.github.dualexport.autoconfigure.pipeline.send.TestRequests.buffered;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of {@link MemoryRequestBuffer}: order, bounds in items and bytes, and what it
 * drops.
 *
 * @author Dual Export contributors
 */
class MemoryRequestBufferTests {

	@Test
	void requestsLeaveInTheOrderTheyCameAndAreCountedUntilRemoved() {
		MemoryRequestBuffer buffer = new MemoryRequestBuffer(100, 1000);
		BufferedRequest first = buffered(3, 30);
		BufferedRequest second = buffered(4, 40);
		assertThat(buffer.add(first)).isZero();
		assertThat(buffer.add(second)).isZero();
		assertThat(buffer.items()).isEqualTo(7);
		assertThat(buffer.bytes()).isEqualTo(70);
		assertThat(buffer.head()).isSameAs(first);
		buffer.remove(first);
		assertThat(buffer.head()).isSameAs(second);
		assertThat(buffer.items()).isEqualTo(4);
		assertThat(buffer.bytes()).isEqualTo(40);
		buffer.remove(second);
		assertThat(buffer.head()).isNull();
		assertThat(buffer.items()).isZero();
		assertThat(buffer.bytes()).isZero();
	}

	@Test
	void aRequestOverTheItemBoundIsRefusedAndTheQueuedOnesKept() {
		MemoryRequestBuffer buffer = new MemoryRequestBuffer(10, 1000);
		BufferedRequest queued = buffered(8, 10);
		buffer.add(queued);
		assertThat(buffer.add(buffered(3, 10))).isEqualTo(3);
		assertThat(buffer.items()).isEqualTo(8);
		assertThat(buffer.head()).isSameAs(queued);
		assertThat(buffer.add(buffered(2, 10))).isZero();
		assertThat(buffer.items()).isEqualTo(10);
	}

	@Test
	void aRequestOverTheByteBoundIsRefused() {
		MemoryRequestBuffer buffer = new MemoryRequestBuffer(100, 100);
		buffer.add(buffered(1, 60));
		assertThat(buffer.add(buffered(5, 41))).isEqualTo(5);
		assertThat(buffer.bytes()).isEqualTo(60);
		assertThat(buffer.add(buffered(5, 40))).isZero();
		assertThat(buffer.bytes()).isEqualTo(100);
	}

	@Test
	void anEmptyBufferTakesARequestLargerThanItsBounds() {
		MemoryRequestBuffer buffer = new MemoryRequestBuffer(10, 100);
		BufferedRequest large = buffered(50, 500);
		assertThat(buffer.add(large)).isZero();
		assertThat(buffer.head()).isSameAs(large);
		assertThat(buffer.add(buffered(1, 1))).isEqualTo(1);
	}

	@Test
	void noItemBoundMeansBoundedByBytesOnly() {
		MemoryRequestBuffer buffer = new MemoryRequestBuffer(0, 100);
		assertThat(buffer.itemCapacity()).isZero();
		assertThat(buffer.add(buffered(1_000_000, 50))).isZero();
		assertThat(buffer.add(buffered(1_000_000, 50))).isZero();
		assertThat(buffer.add(buffered(1, 1))).isEqualTo(1);
	}

	@Test
	void removingARequestThatIsNotTheHeadChangesNothing() {
		MemoryRequestBuffer buffer = new MemoryRequestBuffer(100, 1000);
		BufferedRequest first = buffered(1, 10);
		BufferedRequest second = buffered(2, 20);
		buffer.add(first);
		buffer.add(second);
		buffer.remove(second);
		assertThat(buffer.head()).isSameAs(first);
		assertThat(buffer.items()).isEqualTo(3);
	}

	@Test
	void closingLosesWhatItHoldsAsNothingSurvivesARestart() {
		MemoryRequestBuffer buffer = new MemoryRequestBuffer(100, 1000);
		buffer.add(buffered(5, 50));
		assertThat(buffer.isDurable()).isFalse();
		buffer.close();
		assertThat(buffer.head()).isNull();
		assertThat(buffer.items()).isZero();
		assertThat(buffer.bytes()).isZero();
		assertThat(buffer.discarded()).isZero();
	}

}
