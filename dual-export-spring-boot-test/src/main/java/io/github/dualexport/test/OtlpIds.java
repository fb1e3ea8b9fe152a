package io.github.dualexport.test;

import java.util.HexFormat;

import com.google.protobuf.ByteString;

/**
 * Conversions of OTLP trace and span ids to the lowercase hexadecimal form used by the
 * OpenTelemetry API and by W3C trace context.
 */
public final class OtlpIds {

	private static final HexFormat HEX = HexFormat.of();

	private OtlpIds() {
	}

	/**
	 * Return the given id bytes as lowercase hexadecimal.
	 * @param id the trace or span id bytes
	 * @return the lowercase hexadecimal form, empty for an empty id
	 */
	public static String toHex(ByteString id) {
		return HEX.formatHex(id.toByteArray());
	}

	/**
	 * Return the id bytes encoded by the given hexadecimal string.
	 * @param hex the hexadecimal id, in either case
	 * @return the id bytes
	 * @throws IllegalArgumentException if the value is not valid hexadecimal
	 */
	public static ByteString fromHex(String hex) {
		return ByteString.copyFrom(HEX.parseHex(hex));
	}

}
