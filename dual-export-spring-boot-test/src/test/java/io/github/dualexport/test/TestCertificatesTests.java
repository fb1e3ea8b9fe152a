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

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link TestCertificates} and {@link OtlpTls}.
 *
 * @author Dual Export contributors
 */
class TestCertificatesTests {

	@Test
	void copiesEveryPemFileToOneTemporaryDirectory() throws Exception {
		Path directory = TestCertificates.directory();
		assertThat(directory).isDirectory();
		assertThat(TestCertificates.directory()).isEqualTo(directory);
		assertSameContent(TestCertificates.caCertificate(), TestCertificates.caCertificatePem(), directory);
		assertSameContent(TestCertificates.serverCertificate(), TestCertificates.serverCertificatePem(), directory);
		assertSameContent(TestCertificates.serverPrivateKey(), TestCertificates.serverPrivateKeyPem(), directory);
		assertSameContent(TestCertificates.clientCertificate(), TestCertificates.clientCertificatePem(), directory);
		assertSameContent(TestCertificates.clientPrivateKey(), TestCertificates.clientPrivateKeyPem(), directory);
		assertSameContent(TestCertificates.otherCaCertificate(), TestCertificates.otherCaCertificatePem(), directory);
		assertThat(new String(TestCertificates.serverPrivateKeyPem(), StandardCharsets.US_ASCII))
			.startsWith("-----BEGIN PRIVATE KEY-----");
		assertThat(new String(TestCertificates.clientPrivateKeyPem(), StandardCharsets.US_ASCII))
			.startsWith("-----BEGIN PRIVATE KEY-----");
	}

	@Test
	void serverAndClientCertificatesAreIssuedByTheTestCaOnly() throws Exception {
		X509Certificate ca = certificate(TestCertificates.caCertificatePem());
		X509Certificate otherCa = certificate(TestCertificates.otherCaCertificatePem());
		X509Certificate server = certificate(TestCertificates.serverCertificatePem());
		X509Certificate client = certificate(TestCertificates.clientCertificatePem());
		server.verify(ca.getPublicKey());
		client.verify(ca.getPublicKey());
		assertThat(server.getIssuerX500Principal()).isEqualTo(ca.getSubjectX500Principal());
		assertThat(client.getIssuerX500Principal()).isEqualTo(ca.getSubjectX500Principal());
		assertThat(otherCa.getSubjectX500Principal()).isNotEqualTo(ca.getSubjectX500Principal());
		assertThat(server.getSubjectAlternativeNames()).containsExactlyInAnyOrder(List.of(7, "127.0.0.1"),
				List.of(2, "localhost"));
		assertThat(server.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
		assertThat(client.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
		for (X509Certificate certificate : List.of(ca, otherCa, server, client)) {
			certificate.checkValidity();
			assertThat(certificate.getNotAfter().toInstant()).isAfter(Instant.parse("2099-12-31T00:00:00Z"));
		}
	}

	@Test
	void tlsSettingsTellWhetherClientCertificatesAreRequired() {
		OtlpTls serverTls = TestCertificates.serverTls();
		OtlpTls mutualTls = serverTls.requireClientCertificates(TestCertificates.caCertificate());
		assertThat(serverTls.clientCertificatesRequired()).isFalse();
		assertThat(mutualTls.clientCertificatesRequired()).isTrue();
		assertThat(TestCertificates.mutualTls().clientCertificatesRequired()).isTrue();
	}

	@Test
	void tlsSettingsRejectInvalidPem() {
		byte[] certificate = TestCertificates.serverCertificatePem();
		byte[] key = TestCertificates.serverPrivateKeyPem();
		assertThatIllegalArgumentException().isThrownBy(() -> OtlpTls.of(certificate, certificate))
			.withMessageContaining("private key");
		assertThatIllegalArgumentException().isThrownBy(() -> OtlpTls.of(key, key))
			.withMessageContaining("server certificate chain");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> TestCertificates.serverTls()
				.requireClientCertificates("not a certificate".getBytes(StandardCharsets.US_ASCII)))
			.withMessageContaining("trusted client certificate issuers");
	}

	private static void assertSameContent(Path file, byte[] pem, Path directory) throws Exception {
		assertThat(file.getParent()).isEqualTo(directory);
		assertThat(Files.readAllBytes(file)).isEqualTo(pem);
	}

	private static X509Certificate certificate(byte[] pem) throws Exception {
		return (X509Certificate) CertificateFactory.getInstance("X.509")
			.generateCertificate(new ByteArrayInputStream(pem));
	}

}
