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
package io.github.dualexport.e2e;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;

/**
 * Reads telemetry back through each backend's own query API: PromQL (MetricsQL) from
 * VictoriaMetrics, LogsQL from VictoriaLogs, the trace by id from Jaeger.
 *
 * @author Dual Export contributors
 */
final class Queries {

	private Queries() {
	}

	/**
	 * The sum of the values of an instant PromQL query.
	 * @param victoriaMetrics the base URL of VictoriaMetrics
	 * @param promql the query
	 * @return the sum, {@code NaN} when no series matches
	 */
	static double promql(String victoriaMetrics, String promql) {
		String body = Http.query(victoriaMetrics + "/api/v1/query", "query", promql);
		List<String> values = JsonPath.read(body, "$.data.result[*].value[1]");
		return values.isEmpty() ? Double.NaN : values.stream().mapToDouble(Double::parseDouble).sum();
	}

	/**
	 * The log records a LogsQL query finds, each as its fields.
	 * @param victoriaLogs the base URL of VictoriaLogs
	 * @param logsql the query
	 * @return the records
	 */
	static List<Map<String, Object>> logsql(String victoriaLogs, String logsql) {
		String body = Http.query(victoriaLogs + "/select/logsql/query", "query", logsql);
		return body.lines()
			.filter((line) -> !line.isBlank())
			.map((line) -> JsonPath.<Map<String, Object>>read(line, "$"))
			.toList();
	}

	/**
	 * The number of log records a LogsQL query finds, counted by VictoriaLogs.
	 * @param victoriaLogs the base URL of VictoriaLogs
	 * @param logsql the query
	 * @return the count
	 */
	static long logCount(String victoriaLogs, String logsql) {
		String body = Http.query(victoriaLogs + "/select/logsql/query", "query", logsql + " | stats count() records");
		return body.isBlank() ? 0 : Long.parseLong(JsonPath.read(body.lines().findFirst().orElseThrow(), "$.records"));
	}

	/**
	 * The spans of a trace in Jaeger's query API ({@code /api/traces/{id}}), each as
	 * Jaeger's JSON has it: {@code operationName}, {@code spanID}, {@code references},
	 * {@code tags}.
	 * @param jaegerQuery the base URL of Jaeger's query API
	 * @param traceId the trace id
	 * @return the spans, empty while Jaeger does not know the trace
	 */
	static List<Map<String, Object>> jaegerSpans(String jaegerQuery, String traceId) {
		HttpResponse<String> response = Http.send(jaegerQuery + "/api/traces/" + traceId, Map.of());
		if (response.statusCode() == 404) {
			return List.of();
		}
		if (response.statusCode() != 200) {
			throw new IllegalStateException("Jaeger answered " + response.statusCode() + ": " + response.body());
		}
		return JsonPath.read(response.body(), "$.data[*].spans[*]");
	}

	/**
	 * The value of a tag of a Jaeger span.
	 * @param span the span
	 * @param key the tag's key
	 * @return its value, {@code null} when absent
	 */
	static Object tag(Map<String, Object> span, String key) {
		List<Object> values = JsonPath.read(span, "$.tags[?(@.key == '" + key + "')].value");
		return values.isEmpty() ? null : values.get(0);
	}

	/**
	 * The spans of a list with the given operation name.
	 * @param spans the spans
	 * @param operation the name
	 * @return those named so
	 */
	static List<Map<String, Object>> named(List<Map<String, Object>> spans, String operation) {
		return spans.stream().filter((span) -> operation.equals(span.get("operationName"))).toList();
	}

}
