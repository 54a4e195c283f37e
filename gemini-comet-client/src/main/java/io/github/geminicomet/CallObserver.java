package io.github.geminicomet;

import java.net.URI;
import java.time.Duration;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;
import reactor.util.context.ContextView;

import io.github.geminicomet.model.GenerateContentRequest;
import io.github.geminicomet.model.GenerateContentResponse;
import io.github.geminicomet.observation.DefaultGeminiObservationConvention;
import io.github.geminicomet.observation.GeminiObservationContext;
import io.github.geminicomet.observation.GeminiObservationConvention;
import io.github.geminicomet.observation.GeminiObservationDocumentation;

/**
 * Observes a template's calls: one {@code gen_ai} observation per call, started when it is subscribed
 * (with the caller's observation as parent), fed with the answer or the stream's events, its error or
 * its cancellation, and stopped when it ends; and the template's call statistics.
 */
final class CallObserver {

	private static final GeminiObservationConvention DEFAULT_CONVENTION = new DefaultGeminiObservationConvention();

	private final ObservationRegistry registry;

	private final @Nullable GeminiObservationConvention convention;

	private final CallRecorder recorder = new CallRecorder();

	CallObserver(ObservationRegistry registry, @Nullable GeminiObservationConvention convention) {
		this.registry = registry;
		this.convention = convention;
	}

	CallStatistics statistics() {
		return this.recorder.snapshot();
	}

	/**
	 * Observe a unary generate call, with its answer.
	 */
	Mono<GenerateContentResponse> generate(Mono<GenerateContentResponse> call, String model, URI uri,
			GenerateContentRequest request) {
		return Mono.deferContextual((contextView) -> {
			ObservedCall observed = start(contextView, GeminiObservationContext.GENERATE_CONTENT, model, false, uri,
					request);
			return call.doOnNext(observed::onResponse)
				.doOnError(observed::onError)
				.doOnCancel(observed::onCancel)
				.doFinally(observed::finish)
				.contextWrite((context) -> context.put(ObservationThreadLocalAccessor.KEY, observed.observation));
		});
	}

	/**
	 * Observe a stream, with each of its events.
	 */
	Flux<GenerateContentResponse> stream(Flux<GenerateContentResponse> call, String model, URI uri,
			GenerateContentRequest request) {
		return Flux.deferContextual((contextView) -> {
			ObservedCall observed = start(contextView, GeminiObservationContext.GENERATE_CONTENT, model, true, uri,
					request);
			return call.doOnNext(observed::onChunk)
				.doOnError(observed::onError)
				.doOnCancel(observed::onCancel)
				.doFinally(observed::finish)
				.contextWrite((context) -> context.put(ObservationThreadLocalAccessor.KEY, observed.observation));
		});
	}

	/**
	 * Observe another unary call as {@code operation} on {@code model} (count tokens, embeddings).
	 */
	<T> Mono<T> call(Mono<T> call, String operation, String model, URI uri,
			@Nullable GenerateContentRequest request) {
		return Mono.deferContextual((contextView) -> {
			ObservedCall observed = start(contextView, operation, model, false, uri, request);
			return call.doOnError(observed::onError)
				.doOnCancel(observed::onCancel)
				.doFinally(observed::finish)
				.contextWrite((context) -> context.put(ObservationThreadLocalAccessor.KEY, observed.observation));
		});
	}

	private ObservedCall start(ContextView contextView, String operation, String model, boolean streaming, URI uri,
			@Nullable GenerateContentRequest request) {
		GeminiObservationContext context = new GeminiObservationContext(operation, model, streaming, uri, request);
		Observation observation = GeminiObservationDocumentation.CLIENT_OPERATION.observation(this.convention,
				DEFAULT_CONVENTION, () -> context, this.registry);
		Observation parent = contextView.getOrDefault(ObservationThreadLocalAccessor.KEY, null);
		observation.parentObservation(parent).start();
		return new ObservedCall(observation, context, this.recorder);
	}

	/**
	 * The observation of one call and its context, fed by the call's signals.
	 */
	private static final class ObservedCall {

		private final Observation observation;

		private final GeminiObservationContext context;

		private final CallRecorder recorder;

		private final long startNanos = System.nanoTime();

		private @Nullable Throwable error;

		ObservedCall(Observation observation, GeminiObservationContext context, CallRecorder recorder) {
			this.observation = observation;
			this.context = context;
			this.recorder = recorder;
		}

		void onResponse(GenerateContentResponse response) {
			this.context.onResponse(response);
		}

		void onChunk(GenerateContentResponse event) {
			// only the first chunk's time is kept: no clock read and no Duration for the others
			this.context.onChunk(event, (this.context.getChunkCount() == 0)
					? Duration.ofNanos(System.nanoTime() - this.startNanos) : Duration.ZERO);
		}

		void onError(Throwable error) {
			this.error = error;
			if (error instanceof GeminiException gemini) {
				this.context.setAttempts(gemini.getAttempts());
			}
			if (error instanceof GeminiResponseException response) {
				this.context.setStatusCode(response.getStatusCode().value());
			}
			if (error instanceof GeminiBlockedContentException) {
				this.context.setBlocked();
			}
			this.observation.error(error);
		}

		void onCancel() {
			this.context.setCancelled();
		}

		void finish(SignalType signal) {
			if (this.error != null) {
				this.recorder.failure(this.error);
			}
			else if (signal == SignalType.ON_COMPLETE) {
				this.recorder.success();
			}
			this.observation.stop();
		}

	}

}
