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
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Objects;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;

/**
 * TLS settings of an {@link OtlpReceiver}: the certificate and private key that its http
 * and gRPC ports present and, for mutual TLS, the certificates that client certificates
 * must be issued by.
 * <p>
 * Certificates are read from PEM ({@code BEGIN CERTIFICATE}) and private keys from
 * unencrypted PKCS#8 PEM ({@code BEGIN PRIVATE KEY}), RSA or EC. Both are read when the
 * settings are created, so invalid content fails fast. Instances are immutable.
 * {@link TestCertificates} provides ready-made settings for {@code 127.0.0.1}:
 * <pre class="code">
 * try (OtlpReceiver receiver = OtlpReceiver.startTls(TestCertificates.mutualTls())) {
 *     // point an exporter trusting TestCertificates.caCertificatePem() and presenting
 *     // TestCertificates.clientCertificatePem() at receiver.httpEndpoint() + "/v1/traces"
 * }
 * </pre>
 *
 * @author Dual Export contributors
 * @see OtlpReceiver#startTls(OtlpTls)
 * @see TestCertificates
 */
public final class OtlpTls {

	private static final char[] KEY_PASSWORD = "otlp-receiver".toCharArray();

	private final X509Certificate[] certificateChain;

	private final PrivateKey privateKey;

	private final X509Certificate[] trustedClientIssuers;

	private OtlpTls(X509Certificate[] certificateChain, PrivateKey privateKey, X509Certificate[] trustedClientIssuers) {
		this.certificateChain = certificateChain;
		this.privateKey = privateKey;
		this.trustedClientIssuers = trustedClientIssuers;
	}

	/**
	 * Create settings for server TLS, where clients verify the receiver but present no
	 * certificate.
	 * @param certificateChainPem the PEM encoded certificate of the receiver, optionally
	 * followed by its intermediate certificates
	 * @param privateKeyPem the PEM encoded, unencrypted PKCS#8 private key of the
	 * certificate
	 * @return the settings
	 * @throws IllegalArgumentException if the certificate or key cannot be read
	 */
	public static OtlpTls of(byte[] certificateChainPem, byte[] privateKeyPem) {
		Objects.requireNonNull(certificateChainPem, "'certificateChainPem' must not be null");
		Objects.requireNonNull(privateKeyPem, "'privateKeyPem' must not be null");
		return new OtlpTls(Pem.certificates(certificateChainPem, "server certificate chain"),
				Pem.privateKey(privateKeyPem, "server private key"), null);
	}

	/**
	 * Create settings for server TLS from PEM files.
	 * @param certificateChain the PEM file of the certificate chain
	 * @param privateKey the PEM file of the unencrypted PKCS#8 private key
	 * @return the settings
	 * @throws UncheckedIOException if a file cannot be read
	 * @throws IllegalArgumentException if the certificate or key cannot be read
	 * @see #of(byte[], byte[])
	 */
	public static OtlpTls of(Path certificateChain, Path privateKey) {
		return of(read(certificateChain, "certificateChain"), read(privateKey, "privateKey"));
	}

	/**
	 * Return settings for mutual TLS, where every connection must present a client
	 * certificate issued by one of the given certificates; connections without one, or
	 * with one from another issuer, fail the TLS handshake.
	 * @param trustedCertificatesPem the PEM encoded certificates of the trusted client
	 * certificate issuers, usually one CA certificate
	 * @return new settings with the same server certificate and key
	 * @throws IllegalArgumentException if the certificates cannot be read
	 */
	public OtlpTls requireClientCertificates(byte[] trustedCertificatesPem) {
		Objects.requireNonNull(trustedCertificatesPem, "'trustedCertificatesPem' must not be null");
		return new OtlpTls(this.certificateChain, this.privateKey,
				Pem.certificates(trustedCertificatesPem, "trusted client certificate issuers"));
	}

	/**
	 * Return settings for mutual TLS, reading the trusted issuers from a PEM file.
	 * @param trustedCertificates the PEM file of the trusted client certificate issuers
	 * @return new settings with the same server certificate and key
	 * @throws UncheckedIOException if the file cannot be read
	 * @throws IllegalArgumentException if the certificates cannot be read
	 * @see #requireClientCertificates(byte[])
	 */
	public OtlpTls requireClientCertificates(Path trustedCertificates) {
		return requireClientCertificates(read(trustedCertificates, "trustedCertificates"));
	}

	/**
	 * Return whether clients must present a certificate (mutual TLS).
	 * @return {@code true} for mutual TLS, {@code false} for server TLS only
	 */
	public boolean clientCertificatesRequired() {
		return this.trustedClientIssuers != null;
	}

	/**
	 * Create the JDK SSL context of the http server.
	 * @return a new SSL context
	 */
	SSLContext createHttpSslContext() {
		try {
			KeyStore keyStore = emptyKeyStore();
			keyStore.setKeyEntry("otlp-receiver", this.privateKey, KEY_PASSWORD, this.certificateChain);
			KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
			keyManagers.init(keyStore, KEY_PASSWORD);
			TrustManager[] trustManagers = null;
			if (this.trustedClientIssuers != null) {
				KeyStore trustStore = emptyKeyStore();
				for (int i = 0; i < this.trustedClientIssuers.length; i++) {
					trustStore.setCertificateEntry("trusted-" + i, this.trustedClientIssuers[i]);
				}
				TrustManagerFactory trustManagerFactory = TrustManagerFactory
					.getInstance(TrustManagerFactory.getDefaultAlgorithm());
				trustManagerFactory.init(trustStore);
				trustManagers = trustManagerFactory.getTrustManagers();
			}
			SSLContext sslContext = SSLContext.getInstance("TLS");
			sslContext.init(keyManagers.getKeyManagers(), trustManagers, null);
			return sslContext;
		}
		catch (GeneralSecurityException | IOException ex) {
			throw new IllegalStateException("Failed to create the SSL context of the OTLP receiver", ex);
		}
	}

	/**
	 * Create the Netty SSL context of the gRPC server, with the ALPN settings gRPC needs.
	 * @return a new SSL context
	 */
	SslContext createGrpcSslContext() {
		SslContextBuilder builder = GrpcSslContexts
			.configure(SslContextBuilder.forServer(this.privateKey, this.certificateChain));
		if (this.trustedClientIssuers != null) {
			builder.trustManager(this.trustedClientIssuers).clientAuth(ClientAuth.REQUIRE);
		}
		try {
			return builder.build();
		}
		catch (SSLException ex) {
			throw new IllegalStateException("Failed to create the gRPC SSL context of the OTLP receiver", ex);
		}
	}

	private static KeyStore emptyKeyStore() throws GeneralSecurityException, IOException {
		KeyStore keyStore = KeyStore.getInstance("PKCS12");
		keyStore.load(null, null);
		return keyStore;
	}

	private static byte[] read(Path path, String name) {
		Objects.requireNonNull(path, "'" + name + "' must not be null");
		try {
			return Files.readAllBytes(path);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Failed to read " + path, ex);
		}
	}

}
