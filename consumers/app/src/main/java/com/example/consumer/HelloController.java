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
package com.example.consumer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Greets the caller inside a {@code hello.greet} observation carrying {@code enduser.id},
 * logging one line in it and counting {@code hello.requests}.
 *
 * @author Dual Export contributors
 */
@RestController
class HelloController {

	private static final Logger logger = LoggerFactory.getLogger(HelloController.class);

	private final ObservationRegistry observationRegistry;

	private final Counter helloRequests;

	HelloController(ObservationRegistry observationRegistry, MeterRegistry meterRegistry) {
		this.observationRegistry = observationRegistry;
		this.helloRequests = Counter.builder("hello.requests")
			.description("Greetings requested")
			.register(meterRegistry);
	}

	@GetMapping("/hello")
	String hello(@RequestParam(defaultValue = "anonymous") String name) {
		this.helloRequests.increment();
		return Observation.createNotStarted("hello.greet", this.observationRegistry)
			.highCardinalityKeyValue("enduser.id", name)
			.observe(() -> {
				logger.info("Greeting {}", name);
				return "Hello, " + name + "!";
			});
	}

}
