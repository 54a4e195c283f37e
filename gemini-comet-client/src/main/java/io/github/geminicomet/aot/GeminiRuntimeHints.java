package io.github.geminicomet.aot;

import java.lang.reflect.Type;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;
import org.springframework.util.ClassUtils;

import io.github.geminicomet.model.BatchResult;
import io.github.geminicomet.ChatHistory;
import io.github.geminicomet.model.Batch;
import io.github.geminicomet.model.BatchEmbedContentsRequest;
import io.github.geminicomet.model.BatchEmbedContentsResponse;
import io.github.geminicomet.model.BatchRequest;
import io.github.geminicomet.model.CachedContent;
import io.github.geminicomet.model.CountTokensRequest;
import io.github.geminicomet.model.CountTokensResponse;
import io.github.geminicomet.model.EmbedBatchRequest;
import io.github.geminicomet.model.EmbedContentRequest;
import io.github.geminicomet.model.EmbedContentResponse;
import io.github.geminicomet.model.EmbeddingBatchResult;
import io.github.geminicomet.model.GeminiFile;
import io.github.geminicomet.model.GenerateContentRequest;
import io.github.geminicomet.model.GenerateContentResponse;
import io.github.geminicomet.model.ListBatchesResponse;
import io.github.geminicomet.model.ListCachedContentsResponse;
import io.github.geminicomet.model.ListFilesResponse;
import io.github.geminicomet.model.ListModelsResponse;
import io.github.geminicomet.model.Model;
import io.github.geminicomet.model.Schema;

/**
 * {@link RuntimeHintsRegistrar} for a native image: reflection hints for JSON binding of the wire model
 * (the request and response records the template writes and reads with Jackson, and everything they
 * contain), named type by type, and for the {@link Schema} that structured output and function
 * declarations send. Applications register their own structured-output and tool types (such as with
 * {@code @RegisterReflectionForBinding}).
 *
 * @author gemini-comet
 */
class GeminiRuntimeHints implements RuntimeHintsRegistrar {

	/**
	 * The messages of the API; {@link BindingReflectionHintsRegistrar} follows their components (parts,
	 * candidates, configs, enums, nested records) from here.
	 */
	static final List<Class<?>> WIRE_TYPES = List.of(GenerateContentRequest.class, GenerateContentResponse.class,
			CountTokensRequest.class, CountTokensResponse.class, EmbedContentRequest.class, EmbedContentResponse.class,
			BatchEmbedContentsRequest.class, BatchEmbedContentsResponse.class, Model.class, ListModelsResponse.class,
			CachedContent.class, ListCachedContentsResponse.class, Schema.class, ChatHistory.class, GeminiFile.class,
			ListFilesResponse.class, Batch.class, ListBatchesResponse.class, BatchRequest.class, BatchResult.class,
			EmbedBatchRequest.class, EmbeddingBatchResult.class);

	/**
	 * Package-private shapes read from the wire that no public component leads to: the batch's operation
	 * metadata, the inline responses' wrapper and entries (read as generate and embedding responses), the
	 * upload's answer and the lines of result files.
	 */
	static final List<String> HIDDEN_WIRE_TYPES = List.of("io.github.geminicomet.model.Batch$Metadata",
			"io.github.geminicomet.model.Batch$InlinedResponses", "io.github.geminicomet.model.Batch$WireInlined",
			"io.github.geminicomet.model.Batch$WireResponse", "io.github.geminicomet.ResumableUpload$FileEnvelope",
			"io.github.geminicomet.DefaultBatchOperations$ResultLine",
			"io.github.geminicomet.DefaultBatchOperations$LineResponse",
			"io.github.geminicomet.DefaultBatchOperations$EmbeddingResultLine");

	private final BindingReflectionHintsRegistrar bindingRegistrar = new BindingReflectionHintsRegistrar();

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		this.bindingRegistrar.registerReflectionHints(hints.reflection(), WIRE_TYPES.toArray(Type[]::new));
		// Batch and its output are read through package-private @JsonCreator factories
		hints.reflection().registerType(Batch.class, MemberCategory.INVOKE_DECLARED_METHODS);
		hints.reflection().registerType(Batch.Output.class, MemberCategory.INVOKE_DECLARED_METHODS);
		HIDDEN_WIRE_TYPES.forEach((name) -> hints.reflection()
			.registerType(TypeReference.of(name), MemberCategory.INVOKE_DECLARED_CONSTRUCTORS,
					MemberCategory.INVOKE_DECLARED_METHODS, MemberCategory.ACCESS_DECLARED_FIELDS));
		// enums read unknown values through a static @JsonCreator factory
		hints.reflection()
			.typeHints()
			.map((hint) -> hint.getType())
			.toList()
			.forEach((type) -> registerEnumFactories(hints, type, classLoader));
		// the library's version, for the User-Agent header
		hints.resources().registerPattern("io/github/geminicomet/gemini-comet.properties");
	}

	private static void registerEnumFactories(RuntimeHints hints, TypeReference type, @Nullable ClassLoader classLoader) {
		if (!type.getName().startsWith("io.github.geminicomet.")) {
			return;
		}
		Class<?> resolved = ClassUtils.resolveClassName(type.getName(), classLoader);
		if (resolved.isEnum()) {
			hints.reflection().registerType(resolved, MemberCategory.INVOKE_PUBLIC_METHODS);
		}
	}

}
