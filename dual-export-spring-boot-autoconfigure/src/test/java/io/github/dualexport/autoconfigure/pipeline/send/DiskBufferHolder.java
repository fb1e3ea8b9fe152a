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

import java.nio.file.Path;
import java.time.Duration;

/**
 * Another process holding a disk buffer open, for {@link DiskRequestBufferFaultTests}:
 * opens the buffer in the directory it is given, says {@value #READY} and waits to be
 * ended.
 *
 * @author Dual Export contributors
 */
public final class DiskBufferHolder {

	static final String READY = "buffer open";

	private DiskBufferHolder() {
	}

	public static void main(String[] args) throws InterruptedException {
		new DiskRequestBuffer(Path.of(args[0]), 1024 * 1024, Duration.ofHours(1));
		System.out.println(READY);
		System.out.flush();
		Thread.sleep(Long.MAX_VALUE);
	}

}
