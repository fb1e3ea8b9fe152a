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
package io.github.dualexport.autoconfigure.shutdown;

import java.time.Duration;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;

import io.github.dualexport.autoconfigure.TestSpans;
import io.github.dualexport.autoconfigure.pipeline.BackendPipelines;
import io.github.dualexport.autoconfigure.pipeline.PipelineSnapshot;

/**
 * An application run in its own JVM by {@link SigtermShutdownTests}: it ends the number
 * of spans given as its first argument, prints {@code READY} once they all wait in the
 * send queues, and on SIGTERM prints when the telemetry shutdown starts and when the
 * context has closed, then what each pipeline counted.
 *
 * @author Dual Export contributors
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class SigtermApplication {

	/**
	 * Start the application.
	 * @param args the number of spans, then properties in {@code --key=value} form
	 * @throws InterruptedException if interrupted while waiting for the queues
	 */
	public static void main(String[] args) throws InterruptedException {
		int spans = Integer.parseInt(args[0]);
		SpringApplication application = new SpringApplication(SigtermApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		String[] properties = new String[args.length - 1];
		System.arraycopy(args, 1, properties, 0, properties.length);
		ConfigurableApplicationContext context = application.run(properties);
		BackendPipelines pipelines = context.getBean(BackendPipelines.class);
		SpringApplication.getShutdownHandlers().add(() -> {
			System.out.println("CONTEXT-CLOSED " + System.nanoTime());
			for (PipelineSnapshot snapshot : pipelines.snapshots()) {
				System.out.println("PIPELINE " + snapshot.backend() + " " + snapshot.signal().id() + " exported="
						+ snapshot.exported() + " failed=" + snapshot.failed() + " dropped=" + snapshot.dropped());
			}
			System.out.flush();
		});
		TestSpans.emit(context, spans);
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (pipelines.snapshots().stream().mapToLong(PipelineSnapshot::queueSize).sum() < spans
				&& System.nanoTime() < deadline) {
			Thread.sleep(20);
		}
		System.out.println("READY");
		System.out.flush();
	}

	/**
	 * Prints the moment the telemetry shutdown starts: stopped right before the
	 * pipelines.
	 * @return the lifecycle
	 */
	@Bean
	static SmartLifecycle shutdownStartMarker() {
		return new SmartLifecycle() {

			private volatile boolean running;

			@Override
			public void start() {
				this.running = true;
			}

			@Override
			public void stop() {
				this.running = false;
				System.out.println("TELEMETRY-SHUTDOWN-START " + System.nanoTime());
				System.out.flush();
			}

			@Override
			public boolean isRunning() {
				return this.running;
			}

			@Override
			public int getPhase() {
				return PipelinesShutdownLifecycle.PHASE + 1;
			}

		};
	}

}
