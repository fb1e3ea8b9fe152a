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

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests of {@link GzipEncoder}: standard gzip members at the level asked for, with one
 * deflater reused from request to request.
 *
 * @author Dual Export contributors
 */
class GzipEncoderTests {

	@ParameterizedTest
	@ValueSource(ints = { 1, 6, 9 })
	void producesGzipMembersThatTheJdkReads(int level) throws IOException {
		GzipEncoder encoder = new GzipEncoder(level);
		byte[] request = request(20_000, 1);
		assertThat(gunzip(encoder.encode(request))).isEqualTo(request);
	}

	@Test
	void reusingTheDeflaterGivesTheSameBytesAsAFreshOne() throws IOException {
		GzipEncoder reused = new GzipEncoder(1);
		byte[] first = request(5_000, 1);
		byte[] second = request(7_000, 2);
		reused.encode(first);
		byte[] again = reused.encode(second);
		assertThat(again).isEqualTo(new GzipEncoder(1).encode(second));
		assertThat(gunzip(again)).isEqualTo(second);
	}

	@Test
	void theLevelIsTheOneAskedFor() throws IOException {
		byte[] request = request(50_000, 3);
		byte[] fastest = new GzipEncoder(1).encode(request);
		byte[] smallest = new GzipEncoder(9).encode(request);
		assertThat(smallest.length).isLessThan(fastest.length);
		// Each is as large as the JDK's own encoder makes it at that level (the streams
		// differ by block boundaries only, the JDK feeding zlib in 512-byte steps)
		int jdkFastest = jdkGzip(request, 1).length;
		int jdkSmallest = jdkGzip(request, 9).length;
		assertThat(jdkSmallest).isLessThan(jdkFastest);
		assertThat((double) fastest.length).isCloseTo(jdkFastest, within(jdkFastest / 100.0));
		assertThat((double) smallest.length).isCloseTo(jdkSmallest, within(jdkSmallest / 100.0));
	}

	@Test
	void incompressibleAndEmptyRequestsFit() throws IOException {
		byte[] random = new byte[30_000];
		new Random(4).nextBytes(random);
		GzipEncoder encoder = new GzipEncoder(1);
		assertThat(gunzip(encoder.encode(random))).isEqualTo(random);
		assertThat(gunzip(encoder.encode(new byte[0]))).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(ints = { -1, 0, 10 })
	void levelsOutsideOneToNineAreRefused(int level) {
		assertThatIllegalArgumentException().isThrownBy(() -> new GzipEncoder(level))
			.withMessage("gzip level must be between 1 and 9, was " + level);
	}

	private static byte[] request(int size, long seed) {
		// Protobuf-like: repeated attribute names and values, random ids
		Random random = new Random(seed);
		StringBuilder text = new StringBuilder();
		while (text.length() < size) {
			text.append("http.request.method=GET url.path=/hello trace=").append(Long.toHexString(random.nextLong()));
		}
		return text.substring(0, size).getBytes(StandardCharsets.US_ASCII);
	}

	private static byte[] gunzip(byte[] gzipped) throws IOException {
		try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
			return in.readAllBytes();
		}
	}

	private static byte[] jdkGzip(byte[] bytes, int level) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (GZIPOutputStream gzip = new GZIPOutputStream(out) {
			{
				this.def.setLevel(level);
			}
		}) {
			gzip.write(bytes);
		}
		return out.toByteArray();
	}

}
