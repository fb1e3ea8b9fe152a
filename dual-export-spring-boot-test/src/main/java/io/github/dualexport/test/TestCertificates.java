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

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Test-only TLS material for {@link OtlpReceiver#startTls(OtlpTls)} and the clients that
 * talk to it: a test CA, a server certificate for {@code 127.0.0.1} and {@code localhost}
 * and a client certificate, both issued by that CA, and an unrelated CA for trust
 * mismatches. All certificates are RSA 2048, valid from 2000 to 2100; the private keys
 * are unencrypted PKCS#8 PEM.
 * <p>
 * The PEM files ship in this jar under {@code io/github/dualexport/test/tls/} (see the
 * {@code README.txt} there for how they were made). Each is available as bytes and, for
 * settings that need a file such as
 * {@code spring.ssl.bundle.pem.<name>.truststore.certificate=file:...}, as a copy in a
 * temporary directory that is created on first use and deleted when the JVM exits. The
 * keys are public: never trust this CA outside tests.
 *
 * @author Dual Export contributors
 */
public final class TestCertificates {

	private static final String CA_CERTIFICATE = "ca.pem";

	private static final String SERVER_CERTIFICATE = "server.pem";

	private static final String SERVER_PRIVATE_KEY = "server-key.pem";

	private static final String CLIENT_CERTIFICATE = "client.pem";

	private static final String CLIENT_PRIVATE_KEY = "client-key.pem";

	private static final String OTHER_CA_CERTIFICATE = "other-ca.pem";

	private static final List<String> FILES = List.of(CA_CERTIFICATE, SERVER_CERTIFICATE, SERVER_PRIVATE_KEY,
			CLIENT_CERTIFICATE, CLIENT_PRIVATE_KEY, OTHER_CA_CERTIFICATE);

	private static Path copies;

	private TestCertificates() {
	}

	/**
	 * Return the temporary directory holding copies of all PEM files: {@code ca.pem},
	 * {@code server.pem}, {@code server-key.pem}, {@code client.pem},
	 * {@code client-key.pem} and {@code other-ca.pem}.
	 * @return the directory
	 * @throws UncheckedIOException if the files cannot be copied
	 */
	public static Path directory() {
		synchronized (TestCertificates.class) {
			if (copies == null) {
				copies = copyAll();
			}
			return copies;
		}
	}

	/**
	 * Return the PEM file of the test CA certificate, which issued the server and client
	 * certificates. Clients trust it to verify the receiver.
	 * @return the file
	 */
	public static Path caCertificate() {
		return file(CA_CERTIFICATE);
	}

	/**
	 * Return the PEM content of {@link #caCertificate()}.
	 * @return a new copy of the content
	 */
	public static byte[] caCertificatePem() {
		return pem(CA_CERTIFICATE);
	}

	/**
	 * Return the PEM file of the server certificate, issued by the test CA for
	 * {@code CN=localhost} with the subject alternative names {@code IP:127.0.0.1} and
	 * {@code DNS:localhost}.
	 * @return the file
	 */
	public static Path serverCertificate() {
		return file(SERVER_CERTIFICATE);
	}

	/**
	 * Return the PEM content of {@link #serverCertificate()}.
	 * @return a new copy of the content
	 */
	public static byte[] serverCertificatePem() {
		return pem(SERVER_CERTIFICATE);
	}

	/**
	 * Return the PEM file of the unencrypted PKCS#8 private key of the server
	 * certificate.
	 * @return the file
	 */
	public static Path serverPrivateKey() {
		return file(SERVER_PRIVATE_KEY);
	}

	/**
	 * Return the PEM content of {@link #serverPrivateKey()}.
	 * @return a new copy of the content
	 */
	public static byte[] serverPrivateKeyPem() {
		return pem(SERVER_PRIVATE_KEY);
	}

	/**
	 * Return the PEM file of the client certificate, issued by the test CA for
	 * {@code CN=Dual Export Test Client}, for mutual TLS.
	 * @return the file
	 */
	public static Path clientCertificate() {
		return file(CLIENT_CERTIFICATE);
	}

	/**
	 * Return the PEM content of {@link #clientCertificate()}.
	 * @return a new copy of the content
	 */
	public static byte[] clientCertificatePem() {
		return pem(CLIENT_CERTIFICATE);
	}

	/**
	 * Return the PEM file of the unencrypted PKCS#8 private key of the client
	 * certificate.
	 * @return the file
	 */
	public static Path clientPrivateKey() {
		return file(CLIENT_PRIVATE_KEY);
	}

	/**
	 * Return the PEM content of {@link #clientPrivateKey()}.
	 * @return a new copy of the content
	 */
	public static byte[] clientPrivateKeyPem() {
		return pem(CLIENT_PRIVATE_KEY);
	}

	/**
	 * Return the PEM file of a CA certificate that issued none of the other certificates,
	 * for clients that must fail to verify the receiver.
	 * @return the file
	 */
	public static Path otherCaCertificate() {
		return file(OTHER_CA_CERTIFICATE);
	}

	/**
	 * Return the PEM content of {@link #otherCaCertificate()}.
	 * @return a new copy of the content
	 */
	public static byte[] otherCaCertificatePem() {
		return pem(OTHER_CA_CERTIFICATE);
	}

	/**
	 * Return receiver settings for server TLS with the server certificate.
	 * @return the settings
	 */
	public static OtlpTls serverTls() {
		return OtlpTls.of(serverCertificatePem(), serverPrivateKeyPem());
	}

	/**
	 * Return receiver settings for mutual TLS with the server certificate, requiring
	 * client certificates issued by the test CA such as the client certificate.
	 * @return the settings
	 */
	public static OtlpTls mutualTls() {
		return serverTls().requireClientCertificates(caCertificatePem());
	}

	private static Path file(String name) {
		return directory().resolve(name);
	}

	private static byte[] pem(String name) {
		try (InputStream content = TestCertificates.class.getResourceAsStream("tls/" + name)) {
			if (content == null) {
				throw new IllegalStateException("Missing class path resource io/github/dualexport/test/tls/" + name);
			}
			return content.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Failed to read test certificate " + name, ex);
		}
	}

	private static Path copyAll() {
		try {
			Path target = Files.createTempDirectory("otlp-receiver-tls-");
			target.toFile().deleteOnExit();
			for (String name : FILES) {
				Path file = target.resolve(name);
				Files.write(file, pem(name));
				file.toFile().deleteOnExit();
			}
			return target;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Failed to copy the test certificates to a temporary directory", ex);
		}
	}

}
