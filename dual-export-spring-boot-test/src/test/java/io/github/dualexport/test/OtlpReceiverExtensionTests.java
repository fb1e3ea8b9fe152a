package io.github.dualexport.test;

import java.net.ConnectException;
import java.net.Socket;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link OtlpReceiverExtension}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OtlpReceiverExtensionTests {

	@RegisterExtension
	static OtlpReceiverExtension receiver = new OtlpReceiverExtension();

	private static int httpPortOfFirstTest;

	@Test
	@Order(1)
	void resolvesTheReceiverOfTheExtensionAsParameter(OtlpReceiver injected) throws Exception {
		assertThat(injected).isSameAs(receiver.receiver());
		httpPortOfFirstTest = injected.httpPort();
		injected.respondWithStatus(500);
		OtlpTestData.post(injected, "/v1/traces", ExportTraceServiceRequest.getDefaultInstance());
		assertThat(injected.requests()).hasSize(1);
	}

	@Test
	@Order(2)
	void sharesOneReceiverThatIsClearedAndAnswersNormallyBeforeEachTest() throws Exception {
		assertThat(receiver.httpPort()).isEqualTo(httpPortOfFirstTest);
		assertThat(receiver.requests()).isEmpty();
		assertThat(OtlpTestData.post(receiver.receiver(), "/v1/traces", ExportTraceServiceRequest.getDefaultInstance())
			.statusCode()).isEqualTo(200);
	}

	@Test
	void closesTheReceiverAfterAllTestsWhenRegisteredStatically() {
		OtlpReceiverExtension extension = new OtlpReceiverExtension();
		ExtensionContext context = mock(ExtensionContext.class);
		extension.beforeAll(context);
		extension.beforeEach(context);
		int port = extension.httpPort();
		extension.afterEach(context);
		assertThat(extension.httpPort()).isEqualTo(port);
		extension.afterAll(context);
		assertNothingListensOn(port);
	}

	@Test
	void closesTheReceiverAfterEachTestWhenRegisteredOnAnInstanceField() {
		OtlpReceiverExtension extension = new OtlpReceiverExtension();
		ExtensionContext context = mock(ExtensionContext.class);
		extension.beforeEach(context);
		int port = extension.httpPort();
		extension.afterEach(context);
		assertNothingListensOn(port);
	}

	@Test
	void restartsAStoppedReceiverOnTheSamePortsBeforeTheNextTest() {
		OtlpReceiverExtension extension = new OtlpReceiverExtension();
		ExtensionContext context = mock(ExtensionContext.class);
		extension.beforeAll(context);
		try {
			extension.beforeEach(context);
			int port = extension.httpPort();
			extension.stop();
			assertNothingListensOn(port);
			extension.afterEach(context);
			extension.beforeEach(context);
			assertThat(extension.receiver().isRunning()).isTrue();
			assertThat(extension.httpPort()).isEqualTo(port);
		}
		finally {
			extension.afterAll(context);
		}
	}

	@Test
	void startsATlsReceiverWhenGivenTlsSettings() {
		OtlpReceiverExtension extension = new OtlpReceiverExtension(TestCertificates.serverTls());
		ExtensionContext context = mock(ExtensionContext.class);
		extension.beforeEach(context);
		try {
			assertThat(extension.receiver().isTls()).isTrue();
			assertThat(extension.httpEndpoint()).startsWith("https://");
			assertThat(extension.grpcEndpoint()).startsWith("https://");
		}
		finally {
			extension.afterEach(context);
		}
	}

	private static void assertNothingListensOn(int port) {
		assertThatExceptionOfType(ConnectException.class).isThrownBy(() -> new Socket("127.0.0.1", port).close());
	}

}
