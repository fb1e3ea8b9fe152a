/**
 * In-JVM OTLP receiver, JUnit Jupiter extension and AssertJ assertions for tests that
 * export OpenTelemetry traces, metrics and logs over http/protobuf or gRPC, in plain text
 * or over (mutual) TLS with the {@link io.github.dualexport.test.TestCertificates test
 * certificates}.
 */
package io.github.dualexport.test;
