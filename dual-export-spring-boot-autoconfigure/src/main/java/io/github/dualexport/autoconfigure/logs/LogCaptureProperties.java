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
package io.github.dualexport.autoconfigure.logs;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties for capturing the application's log events as OpenTelemetry
 * log records.
 *
 * @author Dual Export contributors
 */
@ConfigurationProperties("telemetry.logs.capture")
public class LogCaptureProperties {

	/**
	 * Whether to attach the OpenTelemetry appender to the root logger of Logback or
	 * Log4j2, so that log events reach every backend that receives logs.
	 */
	private boolean enabled = true;

	/**
	 * MDC (Log4j2: context data) keys copied into each log record as attributes of the
	 * same name. Patterns may use '*' and '?'.
	 */
	private List<String> mdcKeys = new ArrayList<>();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public List<String> getMdcKeys() {
		return this.mdcKeys;
	}

	public void setMdcKeys(List<String> mdcKeys) {
		this.mdcKeys = mdcKeys;
	}

}
