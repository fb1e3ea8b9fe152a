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
package io.github.dualexport.autoconfigure;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.PriorityOrdered;

import io.github.dualexport.autoconfigure.pipeline.BackendPipelines;

/**
 * Closes the {@link BackendPipelines} after every other bean of the context was
 * destroyed, within what is left of {@code telemetry.shutdown.timeout}: what the
 * application's beans log or trace while they are destroyed is still exported. As a
 * post-processor ordered before all others it is created before every other bean, and
 * Spring, destroying beans in the reverse order of their creation, destroys it last.
 *
 * @author Dual Export contributors
 */
final class PipelinesCloser implements BeanPostProcessor, PriorityOrdered, DisposableBean {

	private final List<BackendPipelines> pipelines = new CopyOnWriteArrayList<>();

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof BackendPipelines backendPipelines) {
			this.pipelines.add(backendPipelines);
		}
		return bean;
	}

	@Override
	public int getOrder() {
		return LOWEST_PRECEDENCE;
	}

	@Override
	public void destroy() {
		this.pipelines.forEach(BackendPipelines::close);
		this.pipelines.clear();
	}

}
