package io.github.dualexport.test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import com.google.protobuf.Message;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/**
 * Serves OTLP/HTTP export requests, in protobuf or JSON, for every signal.
 */
final class OtlpHttpHandler implements HttpHandler {

	private static final String PROTOBUF = "application/x-protobuf";

	private static final String JSON = "application/json";

	private final OtlpReceiver receiver;

	OtlpHttpHandler(OtlpReceiver receiver) {
		this.receiver = receiver;
	}

	@Override
	public void handle(HttpExchange exchange) {
		try (exchange) {
			handleExchange(exchange);
		}
		catch (IOException ex) {
			// The sender stopped waiting or the receiver closed, nobody is left to answer
		}
	}

	private void handleExchange(HttpExchange exchange) throws IOException {
		String path = exchange.getRequestURI().getPath();
		Signal signal = Signal.forHttpPath(path);
		if (signal == null) {
			sendEmpty(exchange, 404);
			return;
		}
		if (!"POST".equals(exchange.getRequestMethod())) {
			exchange.getResponseHeaders().set("Allow", "POST");
			sendEmpty(exchange, 405);
			return;
		}
		String contentType = mediaType(exchange.getRequestHeaders().getFirst("Content-Type"));
		if (!PROTOBUF.equals(contentType) && !JSON.equals(contentType)) {
			sendEmpty(exchange, 415);
			return;
		}
		String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
		String compression = (encoding != null) ? encoding.trim().toLowerCase(Locale.ROOT) : "none";
		if (!compression.equals("none") && !compression.equals("identity") && !compression.equals("gzip")) {
			sendEmpty(exchange, 415);
			return;
		}
		Message message;
		byte[] body;
		try {
			body = readBody(exchange.getRequestBody(), compression.equals("gzip"));
			message = PROTOBUF.equals(contentType) ? signal.requestPrototype().getParserForType().parseFrom(body)
					: OtlpJson.parse(new String(body, StandardCharsets.UTF_8), signal.requestPrototype());
		}
		catch (IOException | RuntimeException ex) {
			send(exchange, contentType, 400, errorBody(400, ex.getMessage()));
			return;
		}
		Reply reply = this.receiver.receive(signal, Transport.HTTP, path, headers(exchange), compression, message, body)
			.join();
		if (reply.success()) {
			send(exchange, contentType, reply.httpStatus(), signal.responsePrototype());
			return;
		}
		if (reply.retryAfter() != null) {
			exchange.getResponseHeaders().set("Retry-After", Long.toString(reply.retryAfterSeconds()));
		}
		send(exchange, contentType, reply.httpStatus(), errorBody(reply.httpStatus(), reply.description()));
	}

	private static String mediaType(String contentType) {
		if (contentType == null) {
			return null;
		}
		int parameters = contentType.indexOf(';');
		String mediaType = (parameters >= 0) ? contentType.substring(0, parameters) : contentType;
		return mediaType.trim().toLowerCase(Locale.ROOT);
	}

	private static byte[] readBody(InputStream body, boolean gzip) throws IOException {
		if (!gzip) {
			return body.readAllBytes();
		}
		try (InputStream decompressed = new GZIPInputStream(body)) {
			return decompressed.readAllBytes();
		}
	}

	private static Map<String, String> headers(HttpExchange exchange) {
		Map<String, String> headers = new LinkedHashMap<>();
		for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
			headers.merge(header.getKey().toLowerCase(Locale.ROOT), String.join(",", header.getValue()),
					(first, second) -> first + "," + second);
		}
		return headers;
	}

	private static Message errorBody(int httpStatus, String description) {
		return com.google.rpc.Status.newBuilder()
			.setCode(new Reply(httpStatus, null).grpcStatus().getCode().value())
			.setMessage((description != null) ? description : "")
			.build();
	}

	private static void send(HttpExchange exchange, String contentType, int status, Message body) throws IOException {
		byte[] bytes = PROTOBUF.equals(contentType) ? body.toByteArray()
				: OtlpJson.print(body).getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", contentType);
		exchange.sendResponseHeaders(status, (bytes.length > 0) ? bytes.length : -1);
		if (bytes.length > 0) {
			exchange.getResponseBody().write(bytes);
		}
	}

	private static void sendEmpty(HttpExchange exchange, int status) throws IOException {
		exchange.sendResponseHeaders(status, -1);
	}

}
