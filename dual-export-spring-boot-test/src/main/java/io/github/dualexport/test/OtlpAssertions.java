package io.github.dualexport.test;

/**
 * Entry point for the AssertJ assertions of this module.
 * <p>
 * Use alongside {@code org.assertj.core.api.Assertions}: <pre class="code">
 * OtlpAssertions.assertThat(receiver).hasReceivedSpanNamed("GET /orders");
 * </pre>
 */
public final class OtlpAssertions {

	private OtlpAssertions() {
	}

	/**
	 * Create an assertion for the given receiver.
	 * @param receiver the receiver to check
	 * @return the assertion
	 */
	public static OtlpReceiverAssert assertThat(OtlpReceiver receiver) {
		return new OtlpReceiverAssert(receiver);
	}

	/**
	 * Create an assertion for the receiver of the given extension.
	 * @param extension the extension whose receiver to check
	 * @return the assertion
	 */
	public static OtlpReceiverAssert assertThat(OtlpReceiverExtension extension) {
		return new OtlpReceiverAssert(extension.receiver());
	}

}
