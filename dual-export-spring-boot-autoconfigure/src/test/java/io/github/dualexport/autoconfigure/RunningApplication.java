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
package io.github.dualexport.autoconfigure;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

/**
 * A complete web application with actuator and the starter's auto-configurations, started
 * on an ephemeral port for operations tests.
 *
 * @author Dual Export contributors
 */
public final class RunningApplication implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private final RestClient client;

	private RunningApplication(ConfigurableApplicationContext context) {
		this.context = context;
		int port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
		this.client = RestClient.builder()
			.baseUrl("http://127.0.0.1:" + port)
			.defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
			})
			.build();
	}

	/**
	 * Start the application with the given properties.
	 * @param properties properties in {@code key=value} form
	 * @return the running application
	 */
	public static RunningApplication start(String... properties) {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(TestApplication.class)
			.properties("server.port=0", "server.address=127.0.0.1", "spring.main.banner-mode=off",
					"management.endpoints.web.exposure.include=*", "management.endpoint.health.show-details=always",
					"management.endpoint.health.probes.enabled=true", "management.tracing.sampling.probability=1.0",
					"telemetry.defaults.signals=traces", "telemetry.defaults.traces.schedule-delay=100ms")
			.properties(properties)
			.run();
		return new RunningApplication(context);
	}

	public ConfigurableApplicationContext context() {
		return this.context;
	}

	/**
	 * GET a path.
	 * @param path the path
	 * @return the response, whatever its status
	 */
	public ResponseEntity<String> get(String path) {
		return this.client.get().uri(path).retrieve().toEntity(String.class);
	}

	/**
	 * POST a JSON body to a path.
	 * @param path the path
	 * @param body the body, serialised as JSON
	 * @return the response, whatever its status
	 */
	public ResponseEntity<String> post(String path, Map<String, Object> body) {
		return this.client.post()
			.uri(path)
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.retrieve()
			.toEntity(String.class);
	}

	/**
	 * End the given number of spans, each its own trace.
	 * @param count the number of spans
	 * @return their trace ids
	 */
	public List<String> emitSpans(int count) {
		return TestSpans.emit(this.context, count);
	}

	@Override
	public void close() {
		this.context.close();
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class TestApplication {

		@Bean
		SlowController slowController() {
			return new SlowController();
		}

	}

	/**
	 * Answers after a delay, to keep a request in flight while the application stops.
	 */
	@RestController
	public static class SlowController {

		private final AtomicInteger started = new AtomicInteger();

		@GetMapping("/slow")
		String slow(@RequestParam(defaultValue = "1000") long millis) throws InterruptedException {
			this.started.incrementAndGet();
			Thread.sleep(millis);
			return "done";
		}

		/**
		 * Return how many slow requests have started.
		 * @return the number of requests that entered the controller
		 */
		public int started() {
			return this.started.get();
		}

	}

}
