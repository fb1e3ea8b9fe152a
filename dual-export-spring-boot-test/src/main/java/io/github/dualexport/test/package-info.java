/**
 * In-JVM OTLP receiver, JUnit Jupiter extension and AssertJ assertions for tests that
 * export OpenTelemetry traces, metrics and logs over http/protobuf or gRPC.
 */
package io.github.dualexport.test;
