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

package io.github.dualexport.autoconfigure.pipeline.capture;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import io.github.dualexport.autoconfigure.backend.ResolvedBackend;
import io.github.dualexport.autoconfigure.backend.ResolvedBackends;
import io.github.dualexport.autoconfigure.backend.Signal;
import io.github.dualexport.autoconfigure.pipeline.SignalPipeline;
import io.github.dualexport.autoconfigure.pipeline.send.FanOut;
import io.github.dualexport.autoconfigure.pipeline.send.SendStages;

/**
 * The pipelines of one signal for every backend that receives it, and the capture stages
 * that feed them: one stage per group of backends that need the same data (equal
 * {@link ResolvedBackend#captureKey(Signal) capture keys}), each handing its encoded
 * requests to the send queues of its backends. A stage may encode more than once, such as
 * one metric collection for backends of different temporalities: each encoding has its
 * own {@link FanOut}. Each signal's auto-configuration contributes one.
 * <p>
 * Closing shuts the pipelines down at once, as a startup that failed after building them
 * needs; once {@link #handOverClose() handed over} to the
 * {@link io.github.dualexport.autoconfigure.pipeline.BackendPipelines} that closes them
 * within the shutdown timeout, closing does nothing.
 *
 * @param <S> the type of the signal's capture stage
 * @author Dual Export contributors
 */
public final class SignalPipelines<S extends CaptureStage> implements AutoCloseable {

	private final Signal signal;

	private final List<SignalPipeline> pipelines;

	private final List<S> stages;

	private final AtomicBoolean closeHandedOver = new AtomicBoolean();

	/**
	 * Create a new instance.
	 * @param signal the signal
	 * @param pipelines one pipeline per backend, in configuration order
	 * @param stages the capture stages, one per group
	 */
	public SignalPipelines(Signal signal, List<SignalPipeline> pipelines, List<S> stages) {
		this.signal = signal;
		this.pipelines = List.copyOf(pipelines);
		this.stages = List.copyOf(stages);
	}

	/**
	 * Return the signal.
	 * @return the signal
	 */
	public Signal signal() {
		return this.signal;
	}

	/**
	 * Return one pipeline per backend, in configuration order.
	 * @return the pipelines
	 */
	public List<SignalPipeline> pipelines() {
		return this.pipelines;
	}

	/**
	 * Return the capture stages, one per group.
	 * @return the stages
	 */
	public List<S> stages() {
		return this.stages;
	}

	/**
	 * Build the pipelines of one signal: group its backends, build each group's capture
	 * stage and the send queue of each backend. If a part fails to build, what was built
	 * before it is shut down.
	 * @param <S> the type of the signal's capture stage
	 * @param signal the signal
	 * @param backends every enabled backend
	 * @param sendStages builds the send queues
	 * @param stages builds a group's capture stage
	 * @return the pipelines
	 */
	public static <S extends CaptureStage> SignalPipelines<S> assemble(Signal signal, ResolvedBackends backends,
			SendStages sendStages, Factory<S> stages) {
		return assemble(signal, backends, sendStages, (backend) -> backend.captureKey(signal), (backend) -> signal,
				(id, encodings) -> stages.create(id, encodings.get(0).settings(), encodings.get(0).fanOut()));
	}

	/**
	 * Build the pipelines of one signal whose capture stages encode more than once: group
	 * the backends by what they capture together, split each group by what they encode
	 * together, and build each group's capture stage with one {@link FanOut} per
	 * encoding. If a part fails to build, what was built before it is shut down.
	 * @param <S> the type of the signal's capture stage
	 * @param signal the signal
	 * @param backends every enabled backend
	 * @param sendStages builds the send queues
	 * @param stageKey backends with equal keys share one capture stage
	 * @param encodingKey backends of a stage with equal keys share one encoding
	 * @param stages builds a group's capture stage
	 * @return the pipelines
	 */
	public static <S extends CaptureStage> SignalPipelines<S> assemble(Signal signal, ResolvedBackends backends,
			SendStages sendStages, Function<ResolvedBackend, Object> stageKey,
			Function<ResolvedBackend, Object> encodingKey, EncodingsFactory<S> stages) {
		Map<Object, Map<Object, List<ResolvedBackend>>> groups = new LinkedHashMap<>();
		for (ResolvedBackend backend : backends.exporting(signal)) {
			groups.computeIfAbsent(stageKey.apply(backend), (key) -> new LinkedHashMap<>())
				.computeIfAbsent(encodingKey.apply(backend), (key) -> new ArrayList<>())
				.add(backend);
		}
		List<SignalPipeline> pipelines = new ArrayList<>();
		List<S> built = new ArrayList<>();
		try {
			for (Map<Object, List<ResolvedBackend>> group : groups.values()) {
				List<Encoding> encodings = new ArrayList<>();
				S stage;
				try {
					for (List<ResolvedBackend> members : group.values()) {
						encodings.add(new Encoding(members, sendStages.fanOut(members, signal)));
					}
					stage = stages.create(CaptureStage.id(signal, built.size() + 1), encodings);
				}
				catch (RuntimeException | Error ex) {
					encodings.forEach((encoding) -> encoding.fanOut()
						.members()
						.forEach((queue) -> queue.shutdown(System.nanoTime())));
					throw ex;
				}
				built.add(stage);
				encodings.forEach((encoding) -> encoding.fanOut()
					.members()
					.forEach((queue) -> pipelines.add(new BackendSignalPipeline(stage, queue))));
			}
		}
		catch (RuntimeException | Error ex) {
			shutdownNow(pipelines);
			throw ex;
		}
		return new SignalPipelines<>(signal, pipelines, built);
	}

	/**
	 * Leave closing the pipelines to whoever bounds it by the shutdown timeout: from now
	 * on {@link #close()} does nothing.
	 */
	public void handOverClose() {
		this.closeHandedOver.set(true);
	}

	/**
	 * Shut the pipelines down at once, unless their close was handed over: what they
	 * still hold is counted as dropped.
	 */
	@Override
	public void close() {
		if (!this.closeHandedOver.get()) {
			shutdownNow(this.pipelines);
		}
	}

	private static void shutdownNow(List<SignalPipeline> pipelines) {
		pipelines.forEach((pipeline) -> pipeline.shutdown(Duration.ZERO));
	}

	/**
	 * The backends of a capture stage that receive the same bytes.
	 *
	 * @param backends the backends, at least one
	 * @param fanOut hands the encoded requests to their send queues
	 */
	public record Encoding(List<ResolvedBackend> backends, FanOut fanOut) {

		/**
		 * Create a new instance.
		 */
		public Encoding {
			backends = List.copyOf(backends);
		}

		/**
		 * Return the first backend, whose settings that shape the bytes every member
		 * shares.
		 * @return the backend
		 */
		public ResolvedBackend settings() {
			return this.backends.get(0);
		}

	}

	/**
	 * Builds the capture stage of one group from its encodings.
	 *
	 * @param <S> the type of the stage
	 */
	@FunctionalInterface
	public interface EncodingsFactory<S extends CaptureStage> {

		/**
		 * Build the capture stage of a group.
		 * @param id the group's id, such as {@code metrics-1}
		 * @param encodings the group's encodings, at least one
		 * @return the stage
		 */
		S create(String id, List<Encoding> encodings);

	}

	/**
	 * Builds the capture stage of one group.
	 *
	 * @param <S> the type of the stage
	 */
	@FunctionalInterface
	public interface Factory<S extends CaptureStage> {

		/**
		 * Build the capture stage of a group.
		 * @param id the group's id, such as {@code traces-1}
		 * @param settings a backend of the group, whose capture settings and redaction
		 * every member shares
		 * @param fanOut hands the encoded requests to the send queues of the group's
		 * backends
		 * @return the stage
		 */
		S create(String id, ResolvedBackend settings, FanOut fanOut);

	}

}
