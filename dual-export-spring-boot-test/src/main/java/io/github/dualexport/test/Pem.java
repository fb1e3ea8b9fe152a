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
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads PEM encoded X.509 certificates and unencrypted PKCS#8 private keys with the JDK
 * alone.
 *
 * @author Dual Export contributors
 */
final class Pem {

	private static final Pattern PRIVATE_KEY = Pattern
		.compile("-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");

	private static final List<String> KEY_ALGORITHMS = List.of("RSA", "EC");

	private Pem() {
	}

	/**
	 * Read every certificate of the given PEM content.
	 * @param pem the PEM content
	 * @param description what the content is, for error messages
	 * @return the certificates, at least one
	 * @throws IllegalArgumentException if the content holds no valid certificate
	 */
	static X509Certificate[] certificates(byte[] pem, String description) {
		try {
			CertificateFactory factory = CertificateFactory.getInstance("X.509");
			Collection<? extends Certificate> certificates = factory
				.generateCertificates(new ByteArrayInputStream(pem));
			if (certificates.isEmpty()) {
				throw new IllegalArgumentException("No certificate found in the " + description);
			}
			return certificates.stream().map(X509Certificate.class::cast).toArray(X509Certificate[]::new);
		}
		catch (CertificateException ex) {
			throw new IllegalArgumentException("Invalid PEM certificate in the " + description, ex);
		}
	}

	/**
	 * Read an unencrypted PKCS#8 ({@code BEGIN PRIVATE KEY}) RSA or EC private key.
	 * @param pem the PEM content
	 * @param description what the content is, for error messages
	 * @return the private key
	 * @throws IllegalArgumentException if the content holds no such key
	 */
	static PrivateKey privateKey(byte[] pem, String description) {
		Matcher matcher = PRIVATE_KEY.matcher(new String(pem, StandardCharsets.US_ASCII));
		if (!matcher.find()) {
			throw new IllegalArgumentException(
					"No unencrypted PKCS#8 private key (BEGIN PRIVATE KEY) found in the " + description);
		}
		PKCS8EncodedKeySpec keySpec;
		try {
			keySpec = new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(matcher.group(1)));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("Invalid Base64 in the " + description, ex);
		}
		for (String algorithm : KEY_ALGORITHMS) {
			try {
				return KeyFactory.getInstance(algorithm).generatePrivate(keySpec);
			}
			catch (InvalidKeySpecException ex) {
				// Try the next algorithm
			}
			catch (GeneralSecurityException ex) {
				throw new IllegalStateException("No " + algorithm + " key factory", ex);
			}
		}
		throw new IllegalArgumentException("The " + description + " is neither an RSA nor an EC private key");
	}

}
