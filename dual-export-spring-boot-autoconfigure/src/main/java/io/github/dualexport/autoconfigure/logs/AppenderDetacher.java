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

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Detaches the appenders of the {@link AppenderInstaller installers} after every other
 * bean of the context was destroyed. As a post-processor it is created before every
 * application bean, so Spring, destroying beans in the reverse order of their creation,
 * destroys it after them all: the appenders still see what those beans log while they are
 * destroyed.
 *
 * @author Dual Export contributors
 */
final class AppenderDetacher implements BeanPostProcessor, DisposableBean {

	private static final Log logger = LogFactory.getLog(AppenderDetacher.class);

	private final List<AppenderInstaller> installers = new CopyOnWriteArrayList<>();

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof AppenderInstaller installer) {
			this.installers.add(installer);
		}
		return bean;
	}

	@Override
	public void destroy() {
		long dropped = 0;
		for (AppenderInstaller installer : this.installers) {
			dropped += installer.detach();
		}
		this.installers.clear();
		if (dropped > 0) {
			logger.warn(dropped + " log events logged after the telemetry log pipelines had shut down,"
					+ " while the application's beans were destroyed, were not exported; they are counted as dropped");
		}
	}

}
