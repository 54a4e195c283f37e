package io.github.geminicomet;

import java.lang.reflect.Type;
import java.util.List;
import java.util.function.BiFunction;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.ResolvableType;
import org.springframework.util.Assert;

import io.github.geminicomet.model.Candidate;
import io.github.geminicomet.model.Content;
import io.github.geminicomet.model.FinishReason;
import io.github.geminicomet.model.GenerateContentRequest;
import io.github.geminicomet.model.GenerateContentResponse;
import io.github.geminicomet.model.GenerationConfig;
import io.github.geminicomet.schema.GeminiSchemaGenerator;
import io.github.geminicomet.schema.JsonArrayElementReader;
import io.github.geminicomet.schema.ResponseSchema;
import io.github.geminicomet.schema.SealedTypesIntrospector;
import io.github.geminicomet.schema.StructuredOutputValidator;

/**
 * Structured output for {@link GeminiTemplate}: asks for JSON matching a type's schema, reads the
 * answer, validates it and, when allowed, asks the model to repair an unusable answer.
 */
final class StructuredOutputSupport {

	private final BiFunction<String, GenerateContentRequest, Mono<GenerateContentResponse>> generate;

	private final BiFunction<String, GenerateContentRequest, Flux<GenerateContentResponse>> stream;

	private final JsonMapper jsonMapper;

	private final @Nullable StructuredOutputValidator validator;

	private final int maxRepairAttempts;

	private volatile @Nullable GeminiSchemaGenerator schemaGenerator;

	private volatile @Nullable JsonMapper readerMapper;

	StructuredOutputSupport(BiFunction<String, GenerateContentRequest, Mono<GenerateContentResponse>> generate,
			BiFunction<String, GenerateContentRequest, Flux<GenerateContentResponse>> stream, JsonMapper jsonMapper,
			@Nullable StructuredOutputValidator validator, int maxRepairAttempts) {
		this.generate = generate;
		this.stream = stream;
		this.jsonMapper = jsonMapper;
		this.validator = validator;
		this.maxRepairAttempts = maxRepairAttempts;
	}

	<T> Mono<StructuredResponse<T>> generate(String model, GenerateContentRequest request, Type type) {
		Assert.notNull(model, "'model' must not be null");
		Assert.notNull(request, "'request' must not be null");
		Assert.notNull(type, "'type' must not be null");
		GenerateContentRequest structured = withSchema(request, schemaGenerator().generate(type));
		ObjectReader reader = readerMapper().readerFor(readerMapper().constructType(type))
			.with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
		return Mono.defer(() -> attempt(model, structured, reader, type, 1));
	}

	<T> Flux<T> stream(String model, GenerateContentRequest request, Type elementType) {
		Assert.notNull(model, "'model' must not be null");
		Assert.notNull(request, "'request' must not be null");
		Assert.notNull(elementType, "'elementType' must not be null");
		Type listType = ResolvableType.forClassWithGenerics(List.class, ResolvableType.forType(elementType)).getType();
		GenerateContentRequest structured = withSchema(request, schemaGenerator().generate(listType));
		JavaType javaType = readerMapper().constructType(elementType);
		return Flux.defer(() -> {
			JsonArrayElementReader<T> reader = new JsonArrayElementReader<>(readerMapper(), javaType);
			FinishReason[] finishReason = new FinishReason[1];
			Flux<T> elements = this.stream.apply(model, structured).concatMapIterable((event) -> {
				if (event.isBlocked()) {
					throw new GeminiBlockedContentException(event);
				}
				if (event.finishReason() != null) {
					finishReason[0] = event.finishReason();
				}
				try {
					return reader.feed(event.text());
				}
				catch (JacksonException | IllegalStateException ex) {
					throw streamError(elementType, reader, finishReason[0], ex);
				}
			}).concatWith(Flux.defer(() -> {
				try {
					return Flux.fromIterable(reader.finish());
				}
				catch (JacksonException | IllegalStateException ex) {
					throw streamError(elementType, reader, finishReason[0], ex);
				}
			}));
			if (this.validator == null) {
				return elements;
			}
			return elements.concatMap((element) -> validated(element, elementType, finishReason[0]));
		});
	}

	/**
	 * Validate off the event loop: Bean Validation loads resources on first use, and custom
	 * constraint validators may block.
	 */
	private <T> Mono<T> validated(T element, Type elementType, @Nullable FinishReason finishReason) {
		return Mono.fromCallable(() -> {
			List<String> violations = validate(element);
			if (!violations.isEmpty()) {
				throw new GeminiStructuredOutputException(elementType, this.jsonMapper.writeValueAsString(element),
						finishReason, violations, 1, null, null);
			}
			return element;
		}).subscribeOn(Schedulers.boundedElastic());
	}

	private static GeminiStructuredOutputException streamError(Type elementType, JsonArrayElementReader<?> reader,
			@Nullable FinishReason finishReason, RuntimeException ex) {
		String error = (ex instanceof JacksonException jackson) ? describe(jackson) : ex.getMessage();
		return new GeminiStructuredOutputException(elementType, reader.pendingText(), finishReason,
				List.of(String.valueOf(error)), 1, null, ex);
	}

	private <T> Mono<StructuredResponse<T>> attempt(String model, GenerateContentRequest request, ObjectReader reader,
			Type type, int attempt) {
		return this.generate.apply(model, request).flatMap((response) -> {
			if (response.isBlocked()) {
				return Mono.error(new GeminiBlockedContentException(response));
			}
			return this.<T>read(response, reader, type, attempt)
				.map((value) -> new StructuredResponse<>(value, response))
				.onErrorResume(GeminiStructuredOutputException.class, (ex) -> {
					if (attempt <= this.maxRepairAttempts && ex.getFinishReason() != FinishReason.MAX_TOKENS) {
						return attempt(model, repairRequest(request, response, ex), reader, type, attempt + 1);
					}
					return Mono.error(ex);
				});
		});
	}

	private <T> Mono<T> read(GenerateContentResponse response, ObjectReader reader, Type type, int attempt) {
		String text = response.text();
		FinishReason finishReason = response.finishReason();
		String json = stripCodeFence(text);
		if (json.isBlank()) {
			return Mono.error(new GeminiStructuredOutputException(type, text, finishReason,
					List.of("the answer has no text"), attempt, response, null));
		}
		T value;
		try {
			value = reader.readValue(json);
		}
		catch (JacksonException ex) {
			return Mono.error(new GeminiStructuredOutputException(type, text, finishReason, List.of(describe(ex)),
					attempt, response, ex));
		}
		if (value == null) {
			return Mono.error(new GeminiStructuredOutputException(type, text, finishReason,
					List.of("the answer is JSON null"), attempt, response, null));
		}
		if (this.validator == null) {
			return Mono.just(value);
		}
		T read = value;
		return Mono.fromCallable(() -> {
			List<String> violations = validate(read);
			if (!violations.isEmpty()) {
				throw new GeminiStructuredOutputException(type, text, finishReason, violations, attempt, response, null);
			}
			return read;
		}).subscribeOn(Schedulers.boundedElastic());
	}

	private List<String> validate(Object value) {
		return (this.validator != null) ? this.validator.validate(value) : List.of();
	}

	/**
	 * The request followed by the unusable answer and a user turn that names what was wrong.
	 */
	static GenerateContentRequest repairRequest(GenerateContentRequest request, GenerateContentResponse response,
			GeminiStructuredOutputException ex) {
		GenerateContentRequest.Builder builder = request.toBuilder();
		Candidate candidate = response.firstCandidate();
		Content answer = (candidate != null) ? candidate.content() : null;
		if (answer != null && answer.parts() != null && !answer.parts().isEmpty()) {
			builder.addContent(new Content(Content.MODEL, answer.parts()));
		}
		else if (!ex.getRawText().isEmpty()) {
			builder.addContent(Content.model(ex.getRawText()));
		}
		builder.addContent(Content.user("Your previous answer could not be read as " + shortName(ex.getTargetType())
				+ ": " + String.join("; ", ex.getErrors()) + ". Answer again with only the corrected JSON value, "
				+ "matching the response schema exactly."));
		return builder.build();
	}

	/**
	 * The type's name without packages and enclosing classes, such as {@code List<Invoice>}.
	 */
	static String shortName(Type type) {
		return type.getTypeName().replaceAll("\\b[a-z][\\w]*\\.", "").replaceAll("\\w+\\$", "");
	}

	private static GenerateContentRequest withSchema(GenerateContentRequest request, ResponseSchema schema) {
		GenerationConfig config = request.generationConfig();
		if (config != null && (config.responseSchema() != null || config.responseJsonSchema() != null)) {
			// the caller's own schema wins
			if (config.responseMimeType() != null) {
				return request;
			}
			return request.toBuilder()
				.generationConfig(config.toBuilder().responseMimeType(ResponseSchema.JSON_MIME_TYPE).build())
				.build();
		}
		return request.toBuilder().generationConfig(schema.applyTo(config)).build();
	}

	/**
	 * Remove a Markdown code fence around the JSON, which some models and gateways add.
	 */
	static String stripCodeFence(String text) {
		String trimmed = text.strip();
		if (!trimmed.startsWith("```")) {
			return trimmed;
		}
		int firstLineEnd = trimmed.indexOf('\n');
		if (firstLineEnd < 0 || !trimmed.endsWith("```") || trimmed.length() < firstLineEnd + 4) {
			return trimmed;
		}
		return trimmed.substring(firstLineEnd + 1, trimmed.length() - 3).strip();
	}

	private static String describe(JacksonException ex) {
		StringBuilder description = new StringBuilder();
		if (ex instanceof StreamReadException) {
			description.append("not valid JSON: ");
		}
		description.append(ex.getOriginalMessage());
		if (ex instanceof DatabindException && !ex.getPath().isEmpty()) {
			description.append(" (at ").append(path(ex)).append(")");
		}
		else {
			TokenStreamLocation location = ex.getLocation();
			if (location != null && location.getLineNr() > 0) {
				description.append(" (line ").append(location.getLineNr()).append(", column ")
					.append(location.getColumnNr()).append(")");
			}
		}
		return description.toString();
	}

	private static String path(JacksonException ex) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : ex.getPath()) {
			if (reference.getPropertyName() != null) {
				path.append((path.length() > 0) ? "." : "").append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.toString();
	}

	private GeminiSchemaGenerator schemaGenerator() {
		GeminiSchemaGenerator generator = this.schemaGenerator;
		if (generator == null) {
			synchronized (this) {
				generator = this.schemaGenerator;
				if (generator == null) {
					generator = new GeminiSchemaGenerator();
					this.schemaGenerator = generator;
				}
			}
		}
		return generator;
	}

	private JsonMapper readerMapper() {
		JsonMapper mapper = this.readerMapper;
		if (mapper == null) {
			synchronized (this) {
				mapper = this.readerMapper;
				if (mapper == null) {
					mapper = SealedTypesIntrospector.apply(this.jsonMapper);
					this.readerMapper = mapper;
				}
			}
		}
		return mapper;
	}

}
