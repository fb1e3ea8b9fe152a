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
package io.github.dualexport.autoconfigure.otel;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Reads the delay a backend asks for in its answer: the {@code Retry-After} header of an
 * http answer, the {@code google.rpc.RetryInfo} of a gRPC status sent in
 * {@code grpc-status-details-bin}. The SDK's senders keep response headers to themselves,
 * so an interceptor is added to the OkHttp client of the sender; with another sender, or
 * an OkHttp sender laid out differently, no delay is known.
 * <p>
 * One transport sends one request at a time: the delay read is the one of the answer that
 * ends the request in progress.
 *
 * @author Dual Export contributors
 */
final class AnsweredRetryDelay {

	private static final Log logger = LogFactory.getLog(AnsweredRetryDelay.class);

	private static final String RETRY_INFO_TYPE = "type.googleapis.com/google.rpc.RetryInfo";

	private final boolean installed;

	private volatile @Nullable Duration last;

	private AnsweredRetryDelay(boolean installed) {
		this.installed = installed;
	}

	/**
	 * Start reading the delays of the answers a sender receives.
	 * @param sender the SDK's http or gRPC sender
	 * @return the reader, knowing no delay when the sender cannot be read
	 */
	static AnsweredRetryDelay install(Object sender) {
		try {
			Field clientField = okHttpClientField(sender.getClass());
			if (clientField == null) {
				return new AnsweredRetryDelay(false);
			}
			clientField.setAccessible(true);
			Object client = clientField.get(sender);
			ClassLoader classLoader = client.getClass().getClassLoader();
			Class<?> interceptorType = Class.forName("okhttp3.Interceptor", false, classLoader);
			Class<?> chainType = Class.forName("okhttp3.Interceptor$Chain", false, classLoader);
			Class<?> requestType = Class.forName("okhttp3.Request", false, classLoader);
			Class<?> responseType = Class.forName("okhttp3.Response", false, classLoader);
			Method request = chainType.getMethod("request");
			Method proceed = chainType.getMethod("proceed", requestType);
			Method header = responseType.getMethod("header", String.class);
			AnsweredRetryDelay reader = new AnsweredRetryDelay(true);
			Object interceptor = Proxy.newProxyInstance(classLoader, new Class<?>[] { interceptorType },
					(proxy, method, args) -> switch (method.getName()) {
						case "intercept" -> reader.intercept(args[0], request, proceed, header);
						case "hashCode" -> System.identityHashCode(proxy);
						case "equals" -> proxy == args[0];
						case "toString" -> "AnsweredRetryDelay";
						default -> throw new UnsupportedOperationException(method.getName());
					});
			Object builder = client.getClass().getMethod("newBuilder").invoke(client);
			builder.getClass().getMethod("addInterceptor", interceptorType).invoke(builder, interceptor);
			// Shares the dispatcher and connection pool the sender's shutdown releases
			clientField.set(sender, builder.getClass().getMethod("build").invoke(builder));
			return reader;
		}
		catch (ReflectiveOperationException | RuntimeException | LinkageError ex) {
			logger.debug("Cannot read the answers of " + sender.getClass().getName() + ": " + ex);
			return new AnsweredRetryDelay(false);
		}
	}

	private static @Nullable Field okHttpClientField(Class<?> type) {
		for (Class<?> current = type; current != null; current = current.getSuperclass()) {
			for (Field field : current.getDeclaredFields()) {
				if (field.getType().getName().equals("okhttp3.OkHttpClient")) {
					return field;
				}
			}
		}
		return null;
	}

	private Object intercept(Object chain, Method request, Method proceed, Method header) throws Throwable {
		Object response;
		try {
			response = proceed.invoke(chain, request.invoke(chain));
		}
		catch (InvocationTargetException ex) {
			throw ex.getCause();
		}
		String retryAfter = (String) header.invoke(response, "Retry-After");
		String statusDetails = (String) header.invoke(response, "grpc-status-details-bin");
		this.last = (retryAfter != null) ? parseRetryAfter(retryAfter)
				: (statusDetails != null) ? parseRetryInfo(statusDetails) : null;
		return response;
	}

	/**
	 * Return whether delays can be read from this sender's answers.
	 * @return whether the interceptor is in place
	 */
	boolean isInstalled() {
		return this.installed;
	}

	/**
	 * Forget the delay of the previous request, before sending the next one.
	 */
	void clear() {
		this.last = null;
	}

	/**
	 * Return the delay the last answer asked for.
	 * @return the delay, or {@code null}
	 */
	@Nullable Duration last() {
		return this.last;
	}

	static @Nullable Duration parseRetryAfter(String value) {
		String trimmed = value.trim();
		try {
			return Duration.ofSeconds(Math.max(0, Long.parseLong(trimmed)));
		}
		catch (NumberFormatException ex) {
			try {
				Duration until = Duration.between(ZonedDateTime.now(),
						ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME));
				return until.isNegative() ? Duration.ZERO : until;
			}
			catch (DateTimeParseException notADate) {
				return null;
			}
		}
	}

	/**
	 * Return the delay of the {@code RetryInfo} detail of a {@code google.rpc.Status},
	 * read from its protobuf encoding.
	 * @param base64 the value of {@code grpc-status-details-bin}
	 * @return the delay, or {@code null} without a RetryInfo or when unreadable
	 */
	static @Nullable Duration parseRetryInfo(String base64) {
		try {
			ProtobufReader status = new ProtobufReader(Base64.getDecoder().decode(padded(base64.trim())));
			while (status.next()) {
				if (status.field() != 3 || status.wireType() != 2) {
					status.skip();
					continue;
				}
				ProtobufReader any = new ProtobufReader(status.bytes());
				String type = null;
				byte[] value = null;
				while (any.next()) {
					if (any.field() == 1 && any.wireType() == 2) {
						type = new String(any.bytes(), java.nio.charset.StandardCharsets.UTF_8);
					}
					else if (any.field() == 2 && any.wireType() == 2) {
						value = any.bytes();
					}
					else {
						any.skip();
					}
				}
				if (RETRY_INFO_TYPE.equals(type) && value != null) {
					return retryDelay(value);
				}
			}
			return null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static Duration retryDelay(byte[] retryInfo) {
		ProtobufReader info = new ProtobufReader(retryInfo);
		while (info.next()) {
			if (info.field() == 1 && info.wireType() == 2) {
				ProtobufReader duration = new ProtobufReader(info.bytes());
				long seconds = 0;
				long nanos = 0;
				while (duration.next()) {
					if (duration.field() == 1 && duration.wireType() == 0) {
						seconds = duration.varint();
					}
					else if (duration.field() == 2 && duration.wireType() == 0) {
						nanos = duration.varint();
					}
					else {
						duration.skip();
					}
				}
				Duration delay = Duration.ofSeconds(seconds, nanos);
				return delay.isNegative() ? Duration.ZERO : delay;
			}
			info.skip();
		}
		// A RetryInfo without a delay still says: retry
		return Duration.ZERO;
	}

	private static String padded(String base64) {
		int remainder = base64.length() % 4;
		return (remainder == 0) ? base64 : base64 + "=".repeat(4 - remainder);
	}

	/**
	 * Reads the fields of one protobuf message, as much as a status detail needs.
	 */
	private static final class ProtobufReader {

		private final byte[] bytes;

		private int position;

		private int field;

		private int wireType;

		ProtobufReader(byte[] bytes) {
			this.bytes = bytes;
		}

		boolean next() {
			if (this.position >= this.bytes.length) {
				return false;
			}
			long key = varint();
			this.field = (int) (key >>> 3);
			this.wireType = (int) (key & 0x7);
			return true;
		}

		int field() {
			return this.field;
		}

		int wireType() {
			return this.wireType;
		}

		long varint() {
			long value = 0;
			for (int shift = 0; shift < 64; shift += 7) {
				byte b = read();
				value |= (long) (b & 0x7f) << shift;
				if ((b & 0x80) == 0) {
					return value;
				}
			}
			throw new IllegalArgumentException("Malformed varint");
		}

		byte[] bytes() {
			long length = varint();
			if (length < 0 || length > this.bytes.length - this.position) {
				throw new IllegalArgumentException("Malformed length");
			}
			byte[] value = java.util.Arrays.copyOfRange(this.bytes, this.position, this.position + (int) length);
			this.position += (int) length;
			return value;
		}

		void skip() {
			switch (this.wireType) {
				case 0 -> varint();
				case 1 -> advance(8);
				case 2 -> bytes();
				case 5 -> advance(4);
				default -> throw new IllegalArgumentException("Unsupported wire type " + this.wireType);
			}
		}

		private void advance(int count) {
			if (count > this.bytes.length - this.position) {
				throw new IllegalArgumentException("Truncated message");
			}
			this.position += count;
		}

		private byte read() {
			if (this.position >= this.bytes.length) {
				throw new IllegalArgumentException("Truncated message");
			}
			return this.bytes[this.position++];
		}

	}

}
