package io.github.geminicomet.codec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

import io.github.geminicomet.model.Blob;
import io.github.geminicomet.model.Candidate;
import io.github.geminicomet.model.CitationMetadata;
import io.github.geminicomet.model.CodeExecutionResult;
import io.github.geminicomet.model.Content;
import io.github.geminicomet.model.ExecutableCode;
import io.github.geminicomet.model.FileData;
import io.github.geminicomet.model.FinishReason;
import io.github.geminicomet.model.FunctionCall;
import io.github.geminicomet.model.FunctionResponse;
import io.github.geminicomet.model.GenerateContentResponse;
import io.github.geminicomet.model.GroundingMetadata;
import io.github.geminicomet.model.HarmCategory;
import io.github.geminicomet.model.HarmProbability;
import io.github.geminicomet.model.LogprobsResult;
import io.github.geminicomet.model.Modality;
import io.github.geminicomet.model.ModalityTokenCount;
import io.github.geminicomet.model.Part;
import io.github.geminicomet.model.PromptFeedback;
import io.github.geminicomet.model.SafetyRating;
import io.github.geminicomet.model.ToolCall;
import io.github.geminicomet.model.ToolResponse;
import io.github.geminicomet.model.UrlContextMetadata;
import io.github.geminicomet.model.UsageMetadata;
import io.github.geminicomet.model.VideoMetadata;

/**
 * Deserializers for the records every answer and every stream event is made of
 * ({@link GenerateContentResponse}, {@link Candidate}, {@link Content}, {@link Part},
 * {@link UsageMetadata}, {@link ModalityTokenCount}, {@link SafetyRating}), reading the tokens straight into the canonical
 * constructors.
 *
 * <p>Jackson's own binding of records goes through a property-based creator: a buffer of every component
 * per object, boxed and copied, which made parsing an event cost four times the tokens it reads (about
 * 4.7 KB and 2.5 µs for a 64-character event). These read the same JSON into the same records: unknown
 * properties are skipped, unknown enum values become {@code UNKNOWN}, {@code null} stays {@code null},
 * values of an unexpected JSON type and the rarely present members (grounding, safety ratings, logprobs,
 * function calls, inline data, ...) go through Jackson's usual deserializers, so the result equals what
 * the default binding gives (tested against every recorded response). Lists of one element are built
 * without an array.
 *
 * <p>For internal use by the client: not part of the supported API.
 *
 * @author gemini-comet
 * @since 0.2.0
 */
public final class ResponseDeserializers {

	private static final Map<String, FinishReason> FINISH_REASONS = constants(FinishReason.values());

	private static final Map<String, Modality> MODALITIES = constants(Modality.values());

	private static final Map<String, HarmCategory> HARM_CATEGORIES = constants(HarmCategory.values());

	private static final Map<String, HarmProbability> HARM_PROBABILITIES = constants(HarmProbability.values());

	private ResponseDeserializers() {
	}

	/**
	 * Return a copy of the mapper whose deserialization of the response records takes the fast path.
	 * @param mapper the mapper to start from (never changed)
	 * @return a mapper with the deserializers registered
	 */
	public static JsonMapper register(JsonMapper mapper) {
		SimpleModule module = new SimpleModule("gemini-comet-responses");
		module.addDeserializer(GenerateContentResponse.class, new ResponseDeserializer());
		module.addDeserializer(Candidate.class, new CandidateDeserializer(false));
		module.addDeserializer(Content.class, new ContentDeserializer(false));
		module.addDeserializer(Part.class, new PartDeserializer());
		module.addDeserializer(UsageMetadata.class, new UsageDeserializer(false));
		module.addDeserializer(ModalityTokenCount.class, new ModalityTokenCountDeserializer());
		module.addDeserializer(SafetyRating.class, new SafetyRatingDeserializer());
		return mapper.rebuild().addModule(module).build();
	}

	private static <E extends Enum<E>> Map<String, E> constants(E[] values) {
		Map<String, E> map = new HashMap<>();
		for (E value : values) {
			map.put(value.name(), value);
		}
		return Map.copyOf(map);
	}

	/**
	 * The current value read by Jackson's own deserializer for {@code type}; without a context (the
	 * {@link ResponseReader}'s pass) the whole response is read again through the databinding instead.
	 */
	private static <T> T databind(JsonParser parser, @Nullable DeserializationContext context, Class<T> type) {
		if (context == null) {
			throw DatabindingNeeded.INSTANCE;
		}
		return context.readValue(parser, type);
	}

	private static @Nullable String string(JsonParser parser, @Nullable DeserializationContext context) {
		JsonToken token = parser.currentToken();
		if (token == JsonToken.VALUE_STRING) {
			return parser.getString();
		}
		return (token == JsonToken.VALUE_NULL) ? null : databind(parser, context, String.class);
	}

	private static @Nullable Integer integer(JsonParser parser, @Nullable DeserializationContext context) {
		JsonToken token = parser.currentToken();
		if (token == JsonToken.VALUE_NUMBER_INT) {
			// beyond an int this throws what Jackson's Integer deserializer throws (the pass gives up on it)
			return parser.getIntValue();
		}
		return (token == JsonToken.VALUE_NULL) ? null : databind(parser, context, Integer.class);
	}

	private static @Nullable Double decimal(JsonParser parser, @Nullable DeserializationContext context) {
		JsonToken token = parser.currentToken();
		if (token == JsonToken.VALUE_NUMBER_FLOAT) {
			return parser.getDoubleValue();
		}
		return (token == JsonToken.VALUE_NULL) ? null : databind(parser, context, Double.class);
	}

	private static @Nullable Boolean bool(JsonParser parser, @Nullable DeserializationContext context) {
		JsonToken token = parser.currentToken();
		if (token == JsonToken.VALUE_TRUE) {
			return Boolean.TRUE;
		}
		if (token == JsonToken.VALUE_FALSE) {
			return Boolean.FALSE;
		}
		return (token == JsonToken.VALUE_NULL) ? null : databind(parser, context, Boolean.class);
	}

	private static <T> @Nullable T value(JsonParser parser, @Nullable DeserializationContext context, Class<T> type) {
		return (parser.currentToken() == JsonToken.VALUE_NULL) ? null : databind(parser, context, type);
	}

	/**
	 * An enum constant by its exact wire name, or else through the enum's own creator (other spellings,
	 * {@code UNKNOWN} for new values).
	 */
	private static <E extends Enum<E>> @Nullable E constant(JsonParser parser, @Nullable DeserializationContext context,
			Map<String, E> constants, Class<E> type) {
		if (parser.currentToken() == JsonToken.VALUE_STRING) {
			E constant = constants.get(parser.getString());
			if (constant != null) {
				return constant;
			}
		}
		return value(parser, context, type);
	}

	/**
	 * Read an array of {@code type} into an unmodifiable list (one element without an array), or
	 * {@code null} for a JSON {@code null}.
	 */
	private static <T> @Nullable List<T> list(JsonParser parser, @Nullable DeserializationContext context,
			Reader<T> elements, Class<T> type) {
		return list(parser, context, elements, type, List.of());
	}

	/**
	 * {@link #list(JsonParser, DeserializationContext, Reader, Class)}, handing out {@code previous} again, or
	 * its elements, where the JSON holds the same values.
	 */
	private static <T> @Nullable List<T> list(JsonParser parser, @Nullable DeserializationContext context,
			Reader<T> elements, Class<T> type, List<T> previous) {
		JsonToken token = parser.currentToken();
		if (token == JsonToken.VALUE_NULL) {
			return null;
		}
		if (token != JsonToken.START_ARRAY) {
			if (context == null) {
				throw DatabindingNeeded.INSTANCE;
			}
			return context.readValue(parser, context.getTypeFactory().constructCollectionType(List.class, type));
		}
		int known = previous.size();
		boolean same = true;
		T first = null;
		List<T> more = null;
		int count = 0;
		for (token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
			if (token == JsonToken.VALUE_NULL) {
				if (context == null) {
					throw DatabindingNeeded.INSTANCE;
				}
				return context.reportInputMismatch(type, "A list of %s holds a null element", type.getSimpleName());
			}
			T before = (count < known) ? previous.get(count) : null;
			T element = elements.read(parser, context, before);
			same = same && element == before;
			if (count == 0) {
				first = element;
			}
			else {
				if (more == null) {
					more = new ArrayList<>(4);
					more.add(first);
				}
				more.add(element);
			}
			count++;
		}
		if (same && count == known) {
			return previous;
		}
		if (count == 0) {
			return List.of();
		}
		return (more != null) ? List.copyOf(more) : List.of(first);
	}

	/** Fails the way Jackson does when an object was expected. */
	private static void expectObject(JsonParser parser, @Nullable DeserializationContext context, Class<?> type) {
		if (parser.currentToken() != JsonToken.START_OBJECT) {
			if (context == null) {
				throw DatabindingNeeded.INSTANCE;
			}
			context.handleUnexpectedToken(type, parser);
		}
	}

	/**
	 * A deserializer that can also read without a context, for {@link ResponseReader}: then a member that
	 * needs Jackson's own deserializers throws {@link DatabindingNeeded} instead.
	 *
	 * @param <T> the record read
	 */
	abstract static class Reader<T> extends ValueDeserializer<T> {

		@Override
		public final T deserialize(JsonParser parser, DeserializationContext context) {
			return read(parser, context);
		}

		/**
		 * Read the value at the parser's current token.
		 * @param parser the parser, at the value's first token
		 * @param context the context, or {@code null} to throw {@link DatabindingNeeded} where it would be used
		 * @return the value
		 */
		abstract T read(JsonParser parser, @Nullable DeserializationContext context);

		/**
		 * Read the value at the parser's current token, returning {@code same} instead when it is equal
		 * (where the record type supports it; else always a new value).
		 * @param parser the parser, at the value's first token
		 * @param context the context, or {@code null}
		 * @param same a value read before, or {@code null}
		 * @return the value
		 */
		T read(JsonParser parser, @Nullable DeserializationContext context, @Nullable T same) {
			return read(parser, context);
		}

	}

	/**
	 * Thrown on a read without a context when the JSON holds something only the databinding reads (a
	 * rarely present member, a value of an unexpected type): the response is then read again with the
	 * context. Carries no stack trace, so it costs next to nothing.
	 */
	static final class DatabindingNeeded extends RuntimeException {

		static final DatabindingNeeded INSTANCE = new DatabindingNeeded();

		private DatabindingNeeded() {
			super("The response needs the databinding", null, false, false);
		}

	}

	/**
	 * A string property that repeats from one event of a stream to the next (model version, response id,
	 * role): the last value read is handed out again while the JSON holds the same characters, so the events
	 * of a stream share one instance instead of each allocating its own. Only in the deserializers of one
	 * stream ({@link ResponseReader#session()}), which read its events one after the other; the shared
	 * ones are made without it ({@code enabled} false) and read every value anew.
	 */
	private static final class RepeatedString {

		private final boolean enabled;

		private @Nullable String last;

		RepeatedString(boolean enabled) {
			this.enabled = enabled;
		}

		@Nullable String read(JsonParser parser, @Nullable DeserializationContext context) {
			if (!this.enabled || parser.currentToken() != JsonToken.VALUE_STRING) {
				return string(parser, context);
			}
			String last = this.last;
			if (last != null && sameCharacters(parser, last)) {
				return last;
			}
			String value = parser.getString();
			this.last = value;
			return value;
		}

		private static boolean sameCharacters(JsonParser parser, String value) {
			int length = parser.getStringLength();
			if (length != value.length()) {
				return false;
			}
			char[] characters = parser.getStringCharacters();
			int offset = parser.getStringOffset();
			for (int i = 0; i < length; i++) {
				if (characters[offset + i] != value.charAt(i)) {
					return false;
				}
			}
			return true;
		}

	}

	/**
	 * A list of token counts by modality that repeats from one event of a stream to the next (the
	 * prompt's and the cache's, which every event carries unchanged): while the JSON holds the same counts,
	 * the last list read is handed out again, its elements too. Only in the deserializers of one stream
	 * ({@link ResponseReader#session()}) and on the pass without a context (where anything unusual goes to
	 * the databinding); otherwise every list is read anew.
	 */
	private static final class RepeatedDetails {

		private final boolean enabled;

		private List<ModalityTokenCount> last = List.of();

		RepeatedDetails(boolean enabled) {
			this.enabled = enabled;
		}

		@Nullable List<ModalityTokenCount> read(JsonParser parser, @Nullable DeserializationContext context,
				ModalityTokenCountDeserializer elements) {
			if (!this.enabled || context != null) {
				return list(parser, context, elements, ModalityTokenCount.class);
			}
			List<ModalityTokenCount> last = this.last;
			List<ModalityTokenCount> read = list(parser, null, elements, ModalityTokenCount.class, last);
			if (read != null && read != last) {
				this.last = read;
			}
			return read;
		}

	}

	static final class ResponseDeserializer extends Reader<GenerateContentResponse> {

		private final CandidateDeserializer candidates;

		private final UsageDeserializer usage;

		private final RepeatedString modelVersions;

		private final RepeatedString responseIds;

		ResponseDeserializer() {
			this(false);
		}

		/**
		 * @param repeats whether values that repeat from event to event are shared between them: only for
		 * the events of one stream, read one after the other
		 */
		ResponseDeserializer(boolean repeats) {
			this.candidates = new CandidateDeserializer(repeats);
			this.usage = new UsageDeserializer(repeats);
			this.modelVersions = new RepeatedString(repeats);
			this.responseIds = new RepeatedString(repeats);
		}

		@Override
		GenerateContentResponse read(JsonParser parser, @Nullable DeserializationContext context) {
			expectObject(parser, context, GenerateContentResponse.class);
			List<Candidate> candidates = null;
			PromptFeedback promptFeedback = null;
			UsageMetadata usageMetadata = null;
			String modelVersion = null;
			String responseId = null;
			String createTime = null;
			for (String name = parser.nextName(); name != null; name = parser.nextName()) {
				parser.nextToken();
				switch (name) {
					case "candidates" -> candidates = list(parser, context, this.candidates, Candidate.class);
					case "promptFeedback" -> promptFeedback = value(parser, context, PromptFeedback.class);
					case "usageMetadata" -> usageMetadata = (parser.currentToken() == JsonToken.VALUE_NULL) ? null
							: this.usage.read(parser, context);
					case "modelVersion" -> modelVersion = this.modelVersions.read(parser, context);
					case "responseId" -> responseId = this.responseIds.read(parser, context);
					case "createTime" -> createTime = string(parser, context);
					default -> parser.skipChildren();
				}
			}
			return new GenerateContentResponse(candidates, promptFeedback, usageMetadata, modelVersion, responseId,
					createTime);
		}

	}

	private static final class CandidateDeserializer extends Reader<Candidate> {

		private final ContentDeserializer content;

		CandidateDeserializer(boolean repeats) {
			this.content = new ContentDeserializer(repeats);
		}

		private final SafetyRatingDeserializer safetyRatings = new SafetyRatingDeserializer();

		@Override
		Candidate read(JsonParser parser, @Nullable DeserializationContext context) {
			expectObject(parser, context, Candidate.class);
			Integer index = null;
			Content content = null;
			FinishReason finishReason = null;
			String finishMessage = null;
			List<SafetyRating> safetyRatings = null;
			CitationMetadata citationMetadata = null;
			Integer tokenCount = null;
			GroundingMetadata groundingMetadata = null;
			Double avgLogprobs = null;
			LogprobsResult logprobsResult = null;
			UrlContextMetadata urlContextMetadata = null;
			for (String name = parser.nextName(); name != null; name = parser.nextName()) {
				parser.nextToken();
				switch (name) {
					case "index" -> index = integer(parser, context);
					case "content" -> content = (parser.currentToken() == JsonToken.VALUE_NULL) ? null
							: this.content.read(parser, context);
					case "finishReason" -> finishReason = constant(parser, context, FINISH_REASONS, FinishReason.class);
					case "finishMessage" -> finishMessage = string(parser, context);
					case "safetyRatings" -> safetyRatings = list(parser, context, this.safetyRatings, SafetyRating.class);
					case "citationMetadata" -> citationMetadata = value(parser, context, CitationMetadata.class);
					case "tokenCount" -> tokenCount = integer(parser, context);
					case "groundingMetadata" -> groundingMetadata = value(parser, context, GroundingMetadata.class);
					case "avgLogprobs" -> avgLogprobs = decimal(parser, context);
					case "logprobsResult" -> logprobsResult = value(parser, context, LogprobsResult.class);
					case "urlContextMetadata" -> urlContextMetadata = value(parser, context, UrlContextMetadata.class);
					default -> parser.skipChildren();
				}
			}
			return new Candidate(index, content, finishReason, finishMessage, safetyRatings, citationMetadata,
					tokenCount, groundingMetadata, avgLogprobs, logprobsResult, urlContextMetadata);
		}

	}

	private static final class ContentDeserializer extends Reader<Content> {

		private final PartDeserializer parts = new PartDeserializer();

		private final RepeatedString roles;

		ContentDeserializer(boolean repeats) {
			this.roles = new RepeatedString(repeats);
		}

		@Override
		Content read(JsonParser parser, @Nullable DeserializationContext context) {
			expectObject(parser, context, Content.class);
			String role = null;
			List<Part> parts = null;
			for (String name = parser.nextName(); name != null; name = parser.nextName()) {
				parser.nextToken();
				switch (name) {
					case "role" -> role = this.roles.read(parser, context);
					case "parts" -> parts = list(parser, context, this.parts, Part.class);
					default -> parser.skipChildren();
				}
			}
			return new Content(role, parts);
		}

	}

	private static final class PartDeserializer extends Reader<Part> {

		@Override
		@SuppressWarnings("unchecked")
		Part read(JsonParser parser, @Nullable DeserializationContext context) {
			expectObject(parser, context, Part.class);
			String text = null;
			Blob inlineData = null;
			FileData fileData = null;
			FunctionCall functionCall = null;
			FunctionResponse functionResponse = null;
			ExecutableCode executableCode = null;
			CodeExecutionResult codeExecutionResult = null;
			ToolCall toolCall = null;
			ToolResponse toolResponse = null;
			VideoMetadata videoMetadata = null;
			Boolean thought = null;
			String thoughtSignature = null;
			Map<String, @Nullable Object> partMetadata = null;
			for (String name = parser.nextName(); name != null; name = parser.nextName()) {
				parser.nextToken();
				switch (name) {
					case "text" -> text = string(parser, context);
					case "thought" -> thought = bool(parser, context);
					case "thoughtSignature" -> thoughtSignature = string(parser, context);
					case "inlineData" -> inlineData = value(parser, context, Blob.class);
					case "fileData" -> fileData = value(parser, context, FileData.class);
					case "functionCall" -> functionCall = value(parser, context, FunctionCall.class);
					case "functionResponse" -> functionResponse = value(parser, context, FunctionResponse.class);
					case "executableCode" -> executableCode = value(parser, context, ExecutableCode.class);
					case "codeExecutionResult" -> codeExecutionResult = value(parser, context,
							CodeExecutionResult.class);
					case "toolCall" -> toolCall = value(parser, context, ToolCall.class);
					case "toolResponse" -> toolResponse = value(parser, context, ToolResponse.class);
					case "videoMetadata" -> videoMetadata = value(parser, context, VideoMetadata.class);
					case "partMetadata" -> partMetadata = value(parser, context, Map.class);
					default -> parser.skipChildren();
				}
			}
			return new Part(text, inlineData, fileData, functionCall, functionResponse, executableCode,
					codeExecutionResult, toolCall, toolResponse, videoMetadata, thought, thoughtSignature, partMetadata);
		}

	}

	private static final class UsageDeserializer extends Reader<UsageMetadata> {

		private final ModalityTokenCountDeserializer details = new ModalityTokenCountDeserializer();

		private final RepeatedDetails promptDetails;

		private final RepeatedDetails cacheDetails;

		private final RepeatedString trafficTypes;

		private final RepeatedString serviceTiers;

		UsageDeserializer(boolean repeats) {
			this.promptDetails = new RepeatedDetails(repeats);
			this.cacheDetails = new RepeatedDetails(repeats);
			this.trafficTypes = new RepeatedString(repeats);
			this.serviceTiers = new RepeatedString(repeats);
		}

		@Override
		UsageMetadata read(JsonParser parser, @Nullable DeserializationContext context) {
			expectObject(parser, context, UsageMetadata.class);
			Integer promptTokenCount = null;
			Integer cachedContentTokenCount = null;
			Integer candidatesTokenCount = null;
			Integer toolUsePromptTokenCount = null;
			Integer thoughtsTokenCount = null;
			Integer totalTokenCount = null;
			List<ModalityTokenCount> promptTokensDetails = null;
			List<ModalityTokenCount> cacheTokensDetails = null;
			List<ModalityTokenCount> candidatesTokensDetails = null;
			List<ModalityTokenCount> toolUsePromptTokensDetails = null;
			String trafficType = null;
			String serviceTier = null;
			for (String name = parser.nextName(); name != null; name = parser.nextName()) {
				parser.nextToken();
				switch (name) {
					case "promptTokenCount" -> promptTokenCount = integer(parser, context);
					case "cachedContentTokenCount" -> cachedContentTokenCount = integer(parser, context);
					case "candidatesTokenCount" -> candidatesTokenCount = integer(parser, context);
					case "toolUsePromptTokenCount" -> toolUsePromptTokenCount = integer(parser, context);
					case "thoughtsTokenCount" -> thoughtsTokenCount = integer(parser, context);
					case "totalTokenCount" -> totalTokenCount = integer(parser, context);
					case "promptTokensDetails" -> promptTokensDetails = this.promptDetails.read(parser, context, this.details);
					case "cacheTokensDetails" -> cacheTokensDetails = this.cacheDetails.read(parser, context, this.details);
					case "candidatesTokensDetails" -> candidatesTokensDetails = details(parser, context);
					case "toolUsePromptTokensDetails" -> toolUsePromptTokensDetails = details(parser, context);
					case "trafficType" -> trafficType = this.trafficTypes.read(parser, context);
					case "serviceTier" -> serviceTier = this.serviceTiers.read(parser, context);
					default -> parser.skipChildren();
				}
			}
			return new UsageMetadata(promptTokenCount, cachedContentTokenCount, candidatesTokenCount,
					toolUsePromptTokenCount, thoughtsTokenCount, totalTokenCount, promptTokensDetails,
					cacheTokensDetails, candidatesTokensDetails, toolUsePromptTokensDetails, trafficType, serviceTier);
		}

		private @Nullable List<ModalityTokenCount> details(JsonParser parser, @Nullable DeserializationContext context) {
			return list(parser, context, this.details, ModalityTokenCount.class);
		}

	}

	private static final class ModalityTokenCountDeserializer extends Reader<ModalityTokenCount> {

		@Override
		ModalityTokenCount read(JsonParser parser, @Nullable DeserializationContext context) {
			return read(parser, context, null);
		}

		@Override
		ModalityTokenCount read(JsonParser parser, @Nullable DeserializationContext context,
				@Nullable ModalityTokenCount same) {
			expectObject(parser, context, ModalityTokenCount.class);
			Modality modality = null;
			Integer tokenCount = null;
			for (String name = parser.nextName(); name != null; name = parser.nextName()) {
				parser.nextToken();
				switch (name) {
					case "modality" -> modality = constant(parser, context, MODALITIES, Modality.class);
					case "tokenCount" -> tokenCount = integer(parser, context);
					default -> parser.skipChildren();
				}
			}
			if (same != null && same.modality() == modality && Objects.equals(same.tokenCount(), tokenCount)) {
				return same;
			}
			return new ModalityTokenCount(modality, tokenCount);
		}

	}

	private static final class SafetyRatingDeserializer extends Reader<SafetyRating> {

		@Override
		SafetyRating read(JsonParser parser, @Nullable DeserializationContext context) {
			expectObject(parser, context, SafetyRating.class);
			HarmCategory category = null;
			HarmProbability probability = null;
			Boolean blocked = null;
			for (String name = parser.nextName(); name != null; name = parser.nextName()) {
				parser.nextToken();
				switch (name) {
					case "category" -> category = constant(parser, context, HARM_CATEGORIES, HarmCategory.class);
					case "probability" -> probability = constant(parser, context, HARM_PROBABILITIES,
							HarmProbability.class);
					case "blocked" -> blocked = bool(parser, context);
					default -> parser.skipChildren();
				}
			}
			return new SafetyRating(category, probability, blocked);
		}

	}

}
