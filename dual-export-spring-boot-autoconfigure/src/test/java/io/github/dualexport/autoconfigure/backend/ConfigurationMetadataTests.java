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
package io.github.dualexport.autoconfigure.backend;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.configurationmetadata.ConfigurationMetadataProperty;
import org.springframework.boot.configurationmetadata.ConfigurationMetadataRepository;
import org.springframework.boot.configurationmetadata.ConfigurationMetadataRepositoryJsonBuilder;
import org.springframework.boot.configurationmetadata.Deprecation;
import org.springframework.boot.configurationmetadata.Hints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Tests the configuration metadata that IDEs show for {@code telemetry.*}.
 *
 * @author Dual Export contributors
 */
class ConfigurationMetadataTests {

	private static DocumentContext metadata;

	@BeforeAll
	static void readMetadata() throws IOException {
		Enumeration<URL> candidates = ConfigurationMetadataTests.class.getClassLoader()
			.getResources("META-INF/spring-configuration-metadata.json");
		while (candidates.hasMoreElements()) {
			try (InputStream json = candidates.nextElement().openStream()) {
				DocumentContext candidate = JsonPath.parse(json);
				List<String> names = candidate.read("$.properties[?(@.name == 'telemetry.enabled')].name");
				if (!names.isEmpty()) {
					metadata = candidate;
				}
			}
		}
		assertThat(metadata).as("metadata generated for telemetry.*").isNotNull();
	}

	@Test
	void everyPropertyHasADescription() {
		List<Map<String, Object>> properties = metadata.read("$.properties[*]");
		assertThat(properties).hasSizeGreaterThan(25)
			.allSatisfy((property) -> assertThat((String) property.get("description")).as((String) property.get("name"))
				.isNotBlank());
	}

	@Test
	void defaultsShowTheirBuiltInValues() {
		assertThat(defaultValue("telemetry.defaults.protocol")).isEqualTo("http/protobuf");
		assertThat(defaultValue("telemetry.defaults.traces.max-queue-size")).isEqualTo(2048);
		assertThat(defaultValue("telemetry.defaults.traces.schedule-delay")).isEqualTo("5s");
		assertThat(defaultValue("telemetry.shutdown.timeout")).isEqualTo("10s");
	}

	@Test
	void logCaptureSwitchAndMdcKeysAreDescribed() {
		assertThat(defaultValue("telemetry.logs.capture.enabled")).isEqualTo(true);
		assertThat(description("telemetry.logs.capture.mdc-keys")).contains("MDC");
	}

	// ConfigurationMetadataRepositoryJsonBuilder reads the file as IDEs do: a hint
	// attaches to the property of its name, or to a map's keys or values with '.keys' or
	// '.values'; any other hint is dropped
	@Test
	void everyHintAttachesToAPropertyAnIdeKnows() throws IOException {
		ConfigurationMetadataRepository repository = repository();
		List<String> hints = metadata.read("$.hints[*].name");
		assertThat(hints).isNotEmpty().allSatisfy((hint) -> {
			String property = hint.replaceFirst("\\.(keys|values)$", "");
			assertThat(repository.getAllProperties()).as("property of hint %s", hint).containsKey(property);
			Hints attached = repository.getAllProperties().get(property).getHints();
			assertThat(hint.endsWith(".keys") ? attached.getKeyHints() : attached.getValueHints()).as(hint)
				.isNotEmpty();
		});
	}

	@Test
	void backendsDescriptionNamesEveryPresetAndKey() throws IOException {
		String description = repository().getAllProperties().get("telemetry.backends").getDescription();
		assertThat(description).contains(BackendPresets.types())
			.contains("'dsn'", "'token'", "'instance-id'", "'tenant'", "'dataset'", "'region'");
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "traces", "metrics", "logs" })
	void signalEndpointOfTheDefaultsIsFlaggedAsAnErrorBecauseStartupRejectsIt(String signal) throws IOException {
		ConfigurationMetadataProperty endpoint = repository().getAllProperties()
			.get("telemetry.defaults." + signal + ".endpoint");
		assertThat(endpoint.isDeprecated()).isTrue();
		assertThat(endpoint.getDeprecation().getLevel()).isEqualTo(Deprecation.Level.ERROR);
		assertThat(endpoint.getDeprecation().getReason()).contains("telemetry.backends.<name>." + signal + ".endpoint");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("enumeratedSettings")
	void hintListsExactlyTheIdsOfTheSettingsEnum(String setting, List<String> ids) throws IOException {
		List<String> hinted = repository().getAllProperties()
			.get("telemetry.defaults." + setting)
			.getHints()
			.getValueHints()
			.stream()
			.map((hint) -> String.valueOf(hint.getValue()))
			.toList();
		assertThat(hinted).containsAll(ids);
		assertThat(hinted).allSatisfy((value) -> assertThat(ids)
			.contains((setting.equals("protocol") && value.equals("http")) ? Protocol.HTTP_PROTOBUF.id() : value));
	}

	private static ConfigurationMetadataRepository repository() throws IOException {
		ConfigurationMetadataRepositoryJsonBuilder builder = ConfigurationMetadataRepositoryJsonBuilder.create();
		try (InputStream json = new ByteArrayInputStream(metadata.jsonString().getBytes(StandardCharsets.UTF_8))) {
			builder.withJsonResource(json);
		}
		return builder.build();
	}

	static Stream<Arguments> enumeratedSettings() {
		return Stream.of(arguments("protocol", ids(Protocol.values(), Protocol::id)),
				arguments("compression", ids(Compression.values(), Compression::id)),
				arguments("signals", ids(Signal.values(), Signal::id)),
				arguments("metrics.temporality", ids(Temporality.values(), Temporality::id)),
				arguments("metrics.histogram", ids(Histogram.values(), Histogram::id)),
				arguments("logs.min-severity", ids(Severity.values(), Severity::id)),
				arguments("buffer.type", ids(BufferType.values(), BufferType::id)));
	}

	private static <E> List<String> ids(E[] values, Function<E, String> id) {
		return Arrays.stream(values).map(id).toList();
	}

	@Test
	void bufferSettingsShowTheirDefaults() {
		assertThat(defaultValue("telemetry.defaults.buffer.type")).isEqualTo("memory");
		assertThat(defaultValue("telemetry.defaults.buffer.max-size")).isEqualTo("32MB");
		assertThat(defaultValue("telemetry.defaults.buffer.max-age")).isEqualTo("24h");
		assertThat(description("telemetry.defaults.ssl.bundle")).contains("SSL bundle");
	}

	@Test
	void readmeDocumentsEveryProperty() throws IOException {
		String readme = Files.readString(readme());
		List<String> names = metadata.read("$.properties[*].name");
		assertThat(names).allSatisfy((name) -> assertThat(readme).as("README documents %s", name)
			.contains("`" + name.replaceFirst("\\.(headers)$", ".headers.*") + "`"));
	}

	private static Path readme() {
		Path directory = Path.of("").toAbsolutePath();
		while (directory != null && !Files.isRegularFile(directory.resolve("README.md"))) {
			directory = directory.getParent();
		}
		assertThat(directory).as("directory holding README.md").isNotNull();
		return directory.resolve("README.md");
	}

	private static Object defaultValue(String property) {
		List<Object> values = metadata.read("$.properties[?(@.name == '" + property + "')].defaultValue");
		assertThat(values).as(property).hasSize(1);
		return values.get(0);
	}

	private static String description(String property) {
		List<String> descriptions = metadata.read("$.properties[?(@.name == '" + property + "')].description");
		assertThat(descriptions).as(property).hasSize(1);
		return descriptions.get(0);
	}

}
