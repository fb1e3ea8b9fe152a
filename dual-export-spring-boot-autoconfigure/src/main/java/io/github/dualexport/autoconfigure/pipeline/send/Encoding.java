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

package io.github.dualexport.autoconfigure.pipeline.send;

/**
 * The bytes a backend's sender puts on the wire for one OTLP export request.
 *
 * @author Dual Export contributors
 */
enum Encoding {

	/**
	 * The request as a protobuf message, for http/protobuf and gRPC without compression.
	 */
	PROTOBUF,

	/**
	 * The protobuf message compressed with gzip, for http/protobuf and gRPC with
	 * {@code compression: gzip}.
	 */
	PROTOBUF_GZIP,

	/**
	 * The request as one line of OTLP JSON, for the console backend.
	 */
	JSON_LINE

}
