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

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests which MDC keys {@link MdcKeySelector} selects.
 *
 * @author Dual Export contributors
 */
class MdcKeySelectorTests {

	@Test
	void noKeysSelectNothing() {
		MdcKeySelector selector = new MdcKeySelector(List.of());
		assertThat(selector.isEmpty()).isTrue();
		assertThat(selector.isSelected("tenant")).isFalse();
	}

	@Test
	void plainKeyMatchesOnlyItselfCaseSensitively() {
		MdcKeySelector selector = new MdcKeySelector(List.of("tenant"));
		assertThat(selector.isSelected("tenant")).isTrue();
		assertThat(selector.isSelected("Tenant")).isFalse();
		assertThat(selector.isSelected("tenant.id")).isFalse();
	}

	@Test
	void starMatchesAnyCharactersIncludingNone() {
		MdcKeySelector selector = new MdcKeySelector(List.of("order.*"));
		assertThat(selector.isSelected("order.")).isTrue();
		assertThat(selector.isSelected("order.id")).isTrue();
		assertThat(selector.isSelected("order.line.sku")).isTrue();
		assertThat(selector.isSelected("order")).isFalse();
		assertThat(selector.isSelected("my.order.id")).isFalse();
	}

	@Test
	void loneStarMatchesEveryKey() {
		MdcKeySelector selector = new MdcKeySelector(List.of("*"));
		assertThat(selector.isSelected("")).isTrue();
		assertThat(selector.isSelected("anything.at.all")).isTrue();
	}

	@Test
	void questionMarkMatchesExactlyOneCharacter() {
		MdcKeySelector selector = new MdcKeySelector(List.of("region-?"));
		assertThat(selector.isSelected("region-1")).isTrue();
		assertThat(selector.isSelected("region-")).isFalse();
		assertThat(selector.isSelected("region-12")).isFalse();
	}

	@Test
	void starGivesBackCharactersForTheRestOfThePattern() {
		MdcKeySelector selector = new MdcKeySelector(List.of("*.id*x"));
		assertThat(selector.isSelected("order.id.idx")).isTrue();
		assertThat(selector.isSelected("order.idx.id")).isFalse();
	}

	@Test
	void commaSeparatedAndPaddedEntriesListSeveralKeys() {
		MdcKeySelector selector = new MdcKeySelector(List.of(" tenant , order.* ", ""));
		assertThat(selector.isSelected("tenant")).isTrue();
		assertThat(selector.isSelected("order.id")).isTrue();
		assertThat(selector.isSelected("")).isFalse();
	}

}
