package io.github.geminicomet.aot;

import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.ReflectionHintsPredicates;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.util.ClassUtils;

import io.github.geminicomet.ChatHistory;
import io.github.geminicomet.model.Candidate;
import io.github.geminicomet.model.FinishReason;
import io.github.geminicomet.model.FunctionCall;
import io.github.geminicomet.model.GenerateContentRequest;
import io.github.geminicomet.model.GenerateContentResponse;
import io.github.geminicomet.model.GenerationConfig;
import io.github.geminicomet.model.GroundingChunk;
import io.github.geminicomet.model.Part;
import io.github.geminicomet.model.Schema;
import io.github.geminicomet.model.ThinkingConfig;
import io.github.geminicomet.model.UsageMetadata;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link GeminiRuntimeHints}.
 *
 * @author gemini-comet
 */
class GeminiRuntimeHintsTests {

	/**
	 * Public model types that are not bound from or to JSON.
	 */
	private static final Set<String> NOT_WIRE_TYPES = Set.of("io.github.geminicomet.model.GeneratedImage");

	private final ReflectionHintsPredicates reflection = RuntimeHintsPredicates.reflection();

	@Test
	void requestAndResponseRecordsCanBeBound() throws Exception {
		RuntimeHints hints = registeredHints();
		for (Class<?> type : List.of(GenerateContentRequest.class, GenerateContentResponse.class, Candidate.class,
				Part.class, FunctionCall.class, GenerationConfig.class, ThinkingConfig.class, UsageMetadata.class,
				GroundingChunk.Web.class, Schema.class, ChatHistory.class)) {
			assertThat(this.reflection.onType(type)).as(type.getName()).accepts(hints);
			assertThat(this.reflection.onConstructorInvocation(type.getDeclaredConstructors()[0]))
				.as(type.getName() + " constructor")
				.accepts(hints);
		}
		assertThat(this.reflection.onMethodInvocation(GenerateContentResponse.class, "candidates")).accepts(hints);
		assertThat(this.reflection.onMethodInvocation(Part.class, "thoughtSignature")).accepts(hints);
		assertThat(this.reflection.onMethodInvocation(GenerationConfig.class, "responseSchema")).accepts(hints);
		assertThat(this.reflection.onMethodInvocation(Schema.class, "propertyOrdering")).accepts(hints);
	}

	@Test
	void enumsAndTheirFactoriesForUnknownValuesAreRegistered() {
		RuntimeHints hints = registeredHints();
		assertThat(this.reflection.onType(FinishReason.class)).accepts(hints);
		assertThat(this.reflection.onType(Schema.Type.class)).accepts(hints);
		assertThat(this.reflection.onMethodInvocation(FinishReason.class, "of")).accepts(hints);
	}

	@Test
	void everyPublicRecordAndEnumOfTheModelHasHints() {
		RuntimeHints hints = registeredHints();
		ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
		scanner.addIncludeFilter((reader, factory) -> true);
		List<Class<?>> modelTypes = scanner.findCandidateComponents("io.github.geminicomet.model")
			.stream()
			.<Class<?>>map((definition) -> ClassUtils.resolveClassName(definition.getBeanClassName(), null))
			.filter((type) -> Modifier.isPublic(type.getModifiers()) && (type.isRecord() || type.isEnum()))
			.filter((type) -> !NOT_WIRE_TYPES.contains(type.getName()))
			.toList();
		assertThat(modelTypes).hasSizeGreaterThan(50);
		assertThat(modelTypes).allSatisfy((type) -> assertThat(this.reflection.onType(type)).as(type.getName())
			.accepts(hints));
	}

	@Test
	void hintsAreRegisteredThroughAotFactoriesForEveryApplication() {
		List<RuntimeHintsRegistrar> registrars = SpringFactoriesLoader.forResourceLocation("META-INF/spring/aot.factories")
			.load(RuntimeHintsRegistrar.class);
		assertThat(registrars).hasAtLeastOneElementOfType(GeminiRuntimeHints.class);
	}

	private static RuntimeHints registeredHints() {
		RuntimeHints hints = new RuntimeHints();
		new GeminiRuntimeHints().registerHints(hints, GeminiRuntimeHintsTests.class.getClassLoader());
		return hints;
	}

}
