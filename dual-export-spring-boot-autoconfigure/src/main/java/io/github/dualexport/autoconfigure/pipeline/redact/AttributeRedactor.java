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
package io.github.dualexport.autoconfigure.pipeline.redact;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.sdk.resources.Resource;

import io.github.dualexport.autoconfigure.backend.ResolvedBackend;

/**
 * Removes or masks attributes and adds resource attributes for one backend, returning new
 * {@link Attributes} and {@link Resource}s so that the data other backends export is
 * never touched.
 *
 * @author Dual Export contributors
 */
final class AttributeRedactor {

	private static final int MASK_HEX_DIGITS = 16;

	private final ResolvedBackend.Redaction redaction;

	private final Resource resourceAttributes;

	// One application has one or very few resources: the encoder groups items by
	// resource, so every item of one resource gets the same rewritten instance
	private final Map<Resource, Resource> resources = new ConcurrentHashMap<>();

	/**
	 * Create a redactor.
	 * @param redaction the keys to remove and to mask
	 * @param resourceAttributes the resource attributes to add or replace
	 */
	AttributeRedactor(ResolvedBackend.Redaction redaction, Map<String, String> resourceAttributes) {
		this.redaction = redaction;
		AttributesBuilder attributes = Attributes.builder();
		resourceAttributes.forEach(attributes::put);
		this.resourceAttributes = Resource.create(attributes.build());
	}

	/**
	 * Return whether this redactor changes nothing.
	 * @return whether no key is removed or masked and no resource attribute added
	 */
	boolean isEmpty() {
		return this.redaction.isEmpty() && this.resourceAttributes.getAttributes().isEmpty();
	}

	/**
	 * Return the given resource with this backend's resource attributes.
	 * @param resource the application's resource, left unchanged
	 * @return the resource this backend receives
	 */
	Resource resource(Resource resource) {
		if (this.resourceAttributes.getAttributes().isEmpty()) {
			return resource;
		}
		return this.resources.computeIfAbsent(resource, (original) -> original.merge(this.resourceAttributes));
	}

	/**
	 * Return the given attributes without the removed keys and with masked values.
	 * @param attributes the original attributes, left unchanged
	 * @return the redacted attributes, or the same instance when nothing applies
	 */
	Attributes redact(Attributes attributes) {
		boolean applies = attributes.asMap()
			.keySet()
			.stream()
			.anyMatch((key) -> this.redaction.removed().contains(key.getKey())
					|| this.redaction.masked().contains(key.getKey()));
		if (!applies) {
			return attributes;
		}
		AttributesBuilder builder = Attributes.builder();
		attributes.forEach((key, value) -> {
			if (this.redaction.masked().contains(key.getKey())) {
				builder.put(AttributeKey.stringKey(key.getKey()), mask(String.valueOf(value)));
			}
			else if (!this.redaction.removed().contains(key.getKey())) {
				put(builder, key, value);
			}
		});
		return builder.build();
	}

	@SuppressWarnings("unchecked")
	private static <T> void put(AttributesBuilder builder, AttributeKey<T> key, Object value) {
		builder.put(key, (T) value);
	}

	static String mask(String value) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
			return "sha256:" + HexFormat.of().formatHex(digest).substring(0, MASK_HEX_DIGITS);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required of every JVM", ex);
		}
	}

}
