package io.github.dualexport.test;

import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;

/**
 * Reads and writes the OTLP/JSON encoding.
 * <p>
 * OTLP/JSON deviates from the canonical protobuf JSON mapping by encoding trace and span
 * ids as hexadecimal rather than base64, so those values are rewritten before parsing.
 */
final class OtlpJson {

	private static final Pattern HEX_ID = Pattern
		.compile("(\"(?:traceId|spanId|parentSpanId|trace_id|span_id|parent_span_id)\"\\s*:\\s*\")([0-9a-fA-F]*)(\")");

	private static final JsonFormat.Parser PARSER = JsonFormat.parser().ignoringUnknownFields();

	private static final JsonFormat.Printer PRINTER = JsonFormat.printer();

	private OtlpJson() {
	}

	static Message parse(String json, Message prototype) throws InvalidProtocolBufferException {
		Message.Builder builder = prototype.newBuilderForType();
		PARSER.merge(hexIdsToBase64(json), builder);
		return builder.build();
	}

	static String print(Message message) throws InvalidProtocolBufferException {
		return PRINTER.print(message);
	}

	private static String hexIdsToBase64(String json) {
		Matcher matcher = HEX_ID.matcher(json);
		StringBuilder result = new StringBuilder(json.length());
		while (matcher.find()) {
			String base64 = Base64.getEncoder().encodeToString(HexFormat.of().parseHex(matcher.group(2)));
			matcher.appendReplacement(result, Matcher.quoteReplacement(matcher.group(1) + base64 + matcher.group(3)));
		}
		matcher.appendTail(result);
		return result.toString();
	}

}
