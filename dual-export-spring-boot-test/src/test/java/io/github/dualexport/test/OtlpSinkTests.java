package io.github.dualexport.test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.zip.GZIPOutputStream;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests of {@link OtlpSink}: it accepts every request, counts requests and bytes, and
 * counts log records when asked to.
 *
 * @author Dual Export contributors
 */
class OtlpSinkTests {

	@Test
	void countsLogRecordsOfPlainAndGzipRequestsAcrossResourcesAndScopes() throws Exception {
		try (OtlpSink sink = OtlpSink.startCountingLogRecords()) {
			byte[] three = logs(2, 1).toByteArray();
			assertThat(post(sink, "/v1/logs", three, false)).isEqualTo(200);
			assertThat(post(sink, "/v1/logs", gzip(logs(4, 0).toByteArray()), true)).isEqualTo(200);
			assertThat(post(sink, "/v1/traces", new byte[] { 1, 2, 3 }, false)).isEqualTo(200);
			assertThat(sink.logRecords()).isEqualTo(7);
			assertThat(sink.requests()).isEqualTo(3);
		}
	}

	@Test
	void aPlainSinkReadsBodiesWithoutDecodingAndRefusesToCount() throws Exception {
		try (OtlpSink sink = OtlpSink.start()) {
			assertThat(post(sink, "/v1/logs", new byte[] { 9, 9, 9, 9 }, false)).isEqualTo(200);
			assertThat(sink.bytes()).isEqualTo(4);
			assertThatIllegalStateException().isThrownBy(sink::logRecords);
		}
	}

	private static ExportLogsServiceRequest logs(int inFirstScope, int inSecondResource) {
		ScopeLogs.Builder first = ScopeLogs.newBuilder();
		for (int i = 0; i < inFirstScope; i++) {
			first.addLogRecords(LogRecord.newBuilder().setSeverityText("INFO"));
		}
		ScopeLogs.Builder second = ScopeLogs.newBuilder();
		for (int i = 0; i < inSecondResource; i++) {
			second.addLogRecords(LogRecord.newBuilder().setSeverityText("WARN"));
		}
		return ExportLogsServiceRequest.newBuilder()
			.addResourceLogs(ResourceLogs.newBuilder().addScopeLogs(first))
			.addResourceLogs(ResourceLogs.newBuilder().addScopeLogs(second))
			.build();
	}

	private static int post(OtlpSink sink, String path, byte[] body, boolean gzip)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sink.httpEndpoint() + path))
			.header("Content-Type", "application/x-protobuf")
			.POST(HttpRequest.BodyPublishers.ofByteArray(body));
		if (gzip) {
			request.header("Content-Encoding", "gzip");
		}
		return OtlpTestData.send(request.build()).statusCode();
	}

	private static byte[] gzip(byte[] bytes) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
			gzip.write(bytes);
		}
		return out.toByteArray();
	}

}
