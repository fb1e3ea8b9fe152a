package io.github.dualexport.test;

import com.google.protobuf.ByteString;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link OtlpIds}.
 */
class OtlpIdsTests {

	@Test
	void toHexFormatsIdBytesAsLowercaseHexadecimal() {
		ByteString id = ByteString.copyFrom(new byte[] { 0x0a, (byte) 0xf7, 0x65, 0x19 });
		assertThat(OtlpIds.toHex(id)).isEqualTo("0af76519");
	}

	@Test
	void toHexOfAnEmptyIdIsEmpty() {
		assertThat(OtlpIds.toHex(ByteString.EMPTY)).isEmpty();
	}

	@Test
	void fromHexAcceptsEitherCaseAndRoundTrips() {
		ByteString id = OtlpIds.fromHex("4BF92F3577B34DA6A3CE929D0E0E4736");
		assertThat(id.size()).isEqualTo(16);
		assertThat(OtlpIds.toHex(id)).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
	}

	@Test
	void fromHexRejectsInvalidHexadecimal() {
		assertThatIllegalArgumentException().isThrownBy(() -> OtlpIds.fromHex("xyz"));
	}

}
