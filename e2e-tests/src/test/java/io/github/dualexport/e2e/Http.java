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
package io.github.dualexport.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * Plain HTTP calls to the application and to the backends' query APIs.
 *
 * @author Dual Export contributors
 */
final class Http {

	private static final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private Http() {
	}

	/**
	 * {@code GET} a URL, expecting 200.
	 * @param url the URL
	 * @return the body
	 */
	static String get(String url) {
		HttpResponse<String> response = send(url, Map.of());
		if (response.statusCode() != 200) {
			throw new IllegalStateException(
					"GET " + url + " answered " + response.statusCode() + ": " + response.body());
		}
		return response.body();
	}

	/**
	 * {@code GET} a query API with one URL-encoded query parameter, expecting 200.
	 * @param url the URL without query
	 * @param parameter the parameter's name
	 * @param value its value
	 * @return the body
	 */
	static String query(String url, String parameter, String value) {
		return get(url + "?" + parameter + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
	}

	/**
	 * {@code GET} a URL with headers.
	 * @param url the URL
	 * @param headers the headers
	 * @return the response, whatever its status
	 */
	static HttpResponse<String> send(String url, Map<String, String> headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET();
		headers.forEach(request::header);
		try {
			return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
