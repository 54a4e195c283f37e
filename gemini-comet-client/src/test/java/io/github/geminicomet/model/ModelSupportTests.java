package io.github.geminicomet.model;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static io.github.geminicomet.model.ModelFixtures.mapper;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link ModelSupport} and the tolerant parsing of every wire enum.
 */
class ModelSupportTests {

	static Stream<Class<? extends Enum<?>>> wireEnums() {
		return Stream.of(FinishReason.class, BlockReason.class, HarmCategory.class, HarmBlockThreshold.class,
				HarmProbability.class, Modality.class, ThinkingLevel.class, TaskType.class, Schema.Type.class,
				FunctionCallingConfig.Mode.class, ExecutableCode.Language.class, CodeExecutionResult.Outcome.class,
				UrlMetadata.UrlRetrievalStatus.class, FunctionResponse.Scheduling.class,
				FunctionDeclaration.Behavior.class, GenerationConfig.MediaResolution.class,
				DynamicRetrievalConfig.Mode.class, ComputerUse.Environment.class);
	}

	@ParameterizedTest
	@MethodSource("wireEnums")
	void unknownValueIsReadAsUnknown(Class<? extends Enum<?>> type) {
		Enum<?> value = mapper.readValue("\"SOMETHING_NEW\"", type);
		assertThat(value.name()).isEqualTo("UNKNOWN");
	}

	@ParameterizedTest
	@MethodSource("wireEnums")
	void everyKnownValueIsReadAndWrittenByName(Class<? extends Enum<?>> type) {
		for (Enum<?> constant : type.getEnumConstants()) {
			String json = "\"" + constant.name() + "\"";
			assertThat(mapper.readValue(json, type)).isSameAs(constant);
			assertThat(mapper.writeValueAsString(constant)).isEqualTo(json);
		}
	}

	@ParameterizedTest
	@MethodSource("wireEnums")
	void nullIsReadAsNull(Class<? extends Enum<?>> type) {
		assertThat(mapper.readValue("null", type)).isNull();
	}

	@Test
	void parseEnumIgnoresCase() {
		assertThat(FinishReason.of("max_tokens")).isEqualTo(FinishReason.MAX_TOKENS);
		assertThat(ThinkingLevel.of("low")).isEqualTo(ThinkingLevel.LOW);
	}

	@Test
	void parseEnumOfNullOrEmptyIsUnknown() {
		assertThat(Modality.of(null)).isEqualTo(Modality.UNKNOWN);
		assertThat(Modality.of("")).isEqualTo(Modality.UNKNOWN);
	}

	@Test
	void copyOfNullIsNull() {
		assertThat(ModelSupport.copy((List<String>) null)).isNull();
		assertThat(ModelSupport.copy((Map<String, Object>) null)).isNull();
	}

	@Test
	void copyOfMapKeepsOrderAndNullValues() {
		Map<String, Object> map = new LinkedHashMap<>();
		map.put("b", 1);
		map.put("a", null);
		Map<String, Object> copy = ModelSupport.copy(map);
		map.put("c", 2);
		assertThat(copy.keySet()).containsExactly("b", "a");
		assertThat(copy).containsEntry("a", null);
	}

	@Test
	void resourceNameAddsTheModelsPrefixWhenMissing() {
		assertThat(ModelSupport.resourceName("gemini-3.5-flash-lite")).isEqualTo("models/gemini-3.5-flash-lite");
		assertThat(ModelSupport.resourceName("models/gemini-3.5-flash-lite")).isEqualTo("models/gemini-3.5-flash-lite");
		assertThat(ModelSupport.resourceName("tunedModels/mine")).isEqualTo("tunedModels/mine");
		assertThatIllegalArgumentException().isThrownBy(() -> ModelSupport.resourceName(" "));
	}

	@Test
	void protobufDurationWritesSecondsWithOptionalFraction() {
		assertThat(ModelSupport.protobufDuration(Duration.ofHours(1))).isEqualTo("3600s");
		assertThat(ModelSupport.protobufDuration(Duration.ofMillis(1500))).isEqualTo("1.5s");
		assertThat(ModelSupport.protobufDuration(Duration.ofNanos(1))).isEqualTo("0.000000001s");
		assertThat(ModelSupport.protobufDuration(Duration.ZERO)).isEqualTo("0s");
		assertThatIllegalArgumentException().isThrownBy(() -> ModelSupport.protobufDuration(Duration.ofSeconds(-1)));
	}

}
