package io.github.geminicomet;

import java.net.URI;
import java.time.Duration;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.observability.DefaultSignalListener;
import reactor.core.observability.SignalListener;
import reactor.core.observability.SignalListenerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;
import reactor.util.context.Context;
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
		return call.tap(new Observing<>(this, GeminiObservationContext.GENERATE_CONTENT, model, uri, request,
				Observing.RESPONSE));
	}

	/**
	 * Observe a stream, with each of its events.
	 */
	Flux<GenerateContentResponse> stream(Flux<GenerateContentResponse> call, String model, URI uri,
			GenerateContentRequest request) {
		return call.tap(new Observing<>(this, GeminiObservationContext.GENERATE_CONTENT, model, uri, request,
				Observing.CHUNKS));
	}

	/**
	 * Observe another unary call as {@code operation} on {@code model} (count tokens, embeddings).
	 */
	<T> Mono<T> call(Mono<T> call, String operation, String model, URI uri,
			@Nullable GenerateContentRequest request) {
		return call.tap(new Observing<>(this, operation, model, uri, request, Observing.NONE));
	}

	private ObservedCall<?> start(ContextView contextView, Observing<?> call) {
		GeminiObservationContext context = new GeminiObservationContext(call.operation, call.model,
				call.reads == Observing.CHUNKS, call.uri, call.request);
		Observation observation = GeminiObservationDocumentation.CLIENT_OPERATION.observation(this.convention,
				DEFAULT_CONVENTION, () -> context, this.registry);
		Observation parent = contextView.getOrDefault(ObservationThreadLocalAccessor.KEY, null);
		observation.parentObservation(parent).start();
		return new ObservedCall<>(observation, context, this.recorder, call.reads);
	}

	/**
	 * What one call observes, turned into an {@link ObservedCall} each time it is subscribed: a single
	 * {@code tap} operator instead of one operator per signal.
	 *
	 * @param <T> the type of the call's values
	 */
	private static final class Observing<T> implements SignalListenerFactory<T, Void> {

		static final int NONE = 0;

		static final int RESPONSE = 1;

		static final int CHUNKS = 2;

		private final CallObserver observer;

		private final String operation;

		private final String model;

		private final URI uri;

		private final @Nullable GenerateContentRequest request;

		private final int reads;

		Observing(CallObserver observer, String operation, String model, URI uri,
				@Nullable GenerateContentRequest request, int reads) {
			this.observer = observer;
			this.operation = operation;
			this.model = model;
			this.uri = uri;
			this.request = request;
			this.reads = reads;
		}

		@Override
		public @Nullable Void initializePublisherState(Publisher<? extends T> source) {
			return null;
		}

		@Override
		@SuppressWarnings("unchecked")
		public SignalListener<T> createListener(Publisher<? extends T> source, ContextView listenerContext,
				@Nullable Void publisherContext) {
			return (SignalListener<T>) this.observer.start(listenerContext, this);
		}

	}

	/**
	 * The observation of one call and its context, fed by the call's signals; it also puts the observation
	 * in the context the call sees, as the parent of what the call observes.
	 *
	 * @param <T> the type of the call's values
	 */
	private static final class ObservedCall<T> extends DefaultSignalListener<T> {

		private final Observation observation;

		private final GeminiObservationContext context;

		private final CallRecorder recorder;

		private final long startNanos = System.nanoTime();

		private final int reads;

		private @Nullable Throwable error;

		ObservedCall(Observation observation, GeminiObservationContext context, CallRecorder recorder, int reads) {
			this.observation = observation;
			this.context = context;
			this.recorder = recorder;
			this.reads = reads;
		}

		@Override
		public Context addToContext(Context originalContext) {
			return originalContext.put(ObservationThreadLocalAccessor.KEY, this.observation);
		}

		@Override
		public void doOnNext(T value) {
			if (this.reads == Observing.CHUNKS) {
				onChunk((GenerateContentResponse) value);
			}
			else if (this.reads == Observing.RESPONSE) {
				this.context.onResponse((GenerateContentResponse) value);
			}
		}

		private void onChunk(GenerateContentResponse event) {
			// only the first chunk's time is kept: no clock read and no Duration for the others
			this.context.onChunk(event, (this.context.getChunkCount() == 0)
					? Duration.ofNanos(System.nanoTime() - this.startNanos) : Duration.ZERO);
		}

		@Override
		public void doOnError(Throwable error) {
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

		@Override
		public void doOnCancel() {
			this.context.setCancelled();
		}

		@Override
		public void doFinally(SignalType signal) {
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
