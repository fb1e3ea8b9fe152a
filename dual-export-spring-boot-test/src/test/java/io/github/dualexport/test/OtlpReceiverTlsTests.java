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
package io.github.dualexport.test;

import java.nio.file.Files;

import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link OtlpReceiver#startTls(OtlpTls) TLS receivers}, fed by the
 * OpenTelemetry SDK exporters over real TLS connections.
 *
 * @author Dual Export contributors
 */
class OtlpReceiverTlsTests {

	@RegisterExtension
	static OtlpReceiverExtension serverTls = new OtlpReceiverExtension(TestCertificates.serverTls());

	@RegisterExtension
	static OtlpReceiverExtension mutualTls = new OtlpReceiverExtension(TestCertificates.mutualTls());

	@Test
	void endpointsAreHttpsUrlsWhenTlsIsOn() {
		OtlpReceiver receiver = serverTls.receiver();
		assertThat(receiver.isTls()).isTrue();
		assertThat(receiver.httpEndpoint()).isEqualTo("https://127.0.0.1:" + receiver.httpPort());
		assertThat(receiver.grpcEndpoint()).isEqualTo("https://127.0.0.1:" + receiver.grpcPort());
		try (OtlpReceiver plain = OtlpReceiver.start()) {
			assertThat(plain.isTls()).isFalse();
			assertThat(plain.httpEndpoint()).isEqualTo("http://127.0.0.1:" + plain.httpPort());
			assertThat(plain.grpcEndpoint()).isEqualTo("http://127.0.0.1:" + plain.grpcPort());
		}
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void receivesSpansOverServerTlsFromAnExporterTrustingTheTestCa(Transport transport) {
		SpanExporter exporter = TestSpanExporters.create(serverTls.receiver(), transport,
				TestCertificates.caCertificatePem(), false);
		assertThat(TestSpanExporters.exportOnce(exporter, "server-tls")).isTrue();
		assertThat(serverTls.requests(Signal.TRACES)).singleElement()
			.satisfies((request) -> assertThat(request.transport()).isEqualTo(transport));
		OtlpAssertions.assertThat(serverTls).hasReceivedSpansNamed("server-tls", 1);
	}

	@Test
	void serverTlsWorksWithTheCertificateFilesOnDisk() throws Exception {
		OtlpTls tls = OtlpTls.of(TestCertificates.serverCertificate(), TestCertificates.serverPrivateKey());
		try (OtlpReceiver receiver = OtlpReceiver.startTls(tls)) {
			SpanExporter exporter = TestSpanExporters.create(receiver, Transport.GRPC,
					Files.readAllBytes(TestCertificates.caCertificate()), false);
			assertThat(TestSpanExporters.exportOnce(exporter, "from-files")).isTrue();
			assertThat(receiver.spans()).extracting((span) -> span.getName()).containsExactly("from-files");
		}
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void refusesExportersThatTrustOnlyAnotherCa(Transport transport) {
		SpanExporter exporter = TestSpanExporters.create(serverTls.receiver(), transport,
				TestCertificates.otherCaCertificatePem(), false);
		assertThat(TestSpanExporters.exportOnce(exporter, "untrusted")).isFalse();
		assertThat(serverTls.requests()).isEmpty();
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void refusesPlainTextExporters(Transport transport) {
		OtlpReceiver receiver = serverTls.receiver();
		String endpoint = (transport == Transport.HTTP) ? receiver.httpEndpoint() + "/v1/traces"
				: receiver.grpcEndpoint();
		SpanExporter exporter = TestSpanExporters.create(endpoint.replace("https://", "http://"), transport, null,
				false);
		assertThat(TestSpanExporters.exportOnce(exporter, "plain-text")).isFalse();
		assertThat(serverTls.requests()).isEmpty();
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void receivesSpansOverMutualTlsFromAnExporterPresentingTheClientCertificate(Transport transport) {
		SpanExporter exporter = TestSpanExporters.create(mutualTls.receiver(), transport,
				TestCertificates.caCertificatePem(), true);
		assertThat(TestSpanExporters.exportOnce(exporter, "mutual-tls")).isTrue();
		assertThat(mutualTls.requests(Signal.TRACES)).singleElement()
			.satisfies((request) -> assertThat(request.transport()).isEqualTo(transport));
		OtlpAssertions.assertThat(mutualTls).hasReceivedSpansNamed("mutual-tls", 1);
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void mutualTlsRefusesExportersWithoutAClientCertificate(Transport transport) {
		SpanExporter exporter = TestSpanExporters.create(mutualTls.receiver(), transport,
				TestCertificates.caCertificatePem(), false);
		assertThat(TestSpanExporters.exportOnce(exporter, "anonymous")).isFalse();
		assertThat(mutualTls.requests()).isEmpty();
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void mutualTlsRefusesExportersThatTrustOnlyAnotherCa(Transport transport) {
		SpanExporter exporter = TestSpanExporters.create(mutualTls.receiver(), transport,
				TestCertificates.otherCaCertificatePem(), true);
		assertThat(TestSpanExporters.exportOnce(exporter, "untrusted")).isFalse();
		assertThat(mutualTls.requests()).isEmpty();
	}

}
