package io.github.geminicomet.model;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.github.geminicomet.model.FunctionCallingConfig.Mode;

import static io.github.geminicomet.model.ModelFixtures.mapper;
import static io.github.geminicomet.model.ModelFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Tool}.
 */
class ToolTests {

	@Test
	void builtInToolsWithoutOptionsAreWrittenAsEmptyObjects() {
		assertThat(write(Tool.GOOGLE_SEARCH)).isEqualTo("{\"googleSearch\":{}}");
		assertThat(write(Tool.CODE_EXECUTION)).isEqualTo("{\"codeExecution\":{}}");
		assertThat(write(Tool.URL_CONTEXT)).isEqualTo("{\"urlContext\":{}}");
		assertThat(write(Tool.GOOGLE_MAPS)).isEqualTo("{\"googleMaps\":{}}");
	}

	@Test
	void emptyObjectToolsAreReadBack() {
		Tool tool = mapper.readValue("{\"googleSearch\":{},\"codeExecution\":{},\"urlContext\":{}}", Tool.class);
		assertThat(tool.googleSearch()).isEqualTo(new GoogleSearch());
		assertThat(tool.codeExecution()).isEqualTo(new CodeExecution());
		assertThat(tool.urlContext()).isEqualTo(new UrlContext());
	}

	@Test
	void toolsWithOptionsWriteTheirOptions() {
		assertThat(write(Tool.of(new GoogleMaps(true)))).isEqualTo("{\"googleMaps\":{\"enableWidget\":true}}");
		assertThat(write(Tool.of(FileSearch.of("fileSearchStores/docs"))))
			.isEqualTo("{\"fileSearch\":{\"fileSearchStoreNames\":[\"fileSearchStores/docs\"]}}");
		assertThat(write(Tool.of(new GoogleSearch(new GoogleSearch.Interval("2026-01-01T00:00:00Z", null)))))
			.isEqualTo("{\"googleSearch\":{\"timeRangeFilter\":{\"startTime\":\"2026-01-01T00:00:00Z\"}}}");
		DynamicRetrievalConfig dynamic = new DynamicRetrievalConfig(DynamicRetrievalConfig.Mode.MODE_DYNAMIC, 0.3);
		assertThat(write(Tool.of(new GoogleSearchRetrieval(dynamic))))
			.isEqualTo("{\"googleSearchRetrieval\":{\"dynamicRetrievalConfig\":"
					+ "{\"mode\":\"MODE_DYNAMIC\",\"dynamicThreshold\":0.3}}}");
		assertThat(write(Tool.of(new ComputerUse(ComputerUse.Environment.ENVIRONMENT_BROWSER, null))))
			.isEqualTo("{\"computerUse\":{\"environment\":\"ENVIRONMENT_BROWSER\"}}");
	}

	@Test
	void functionsWritesTheDeclarations() {
		Tool tool = Tool.functions(FunctionDeclaration.of("now", "Current time", null),
				FunctionDeclaration.ofJsonSchema("echo", "Echo", Map.of("type", "object")));
		assertThat(write(tool)).isEqualTo("{\"functionDeclarations\":["
				+ "{\"name\":\"now\",\"description\":\"Current time\"},"
				+ "{\"name\":\"echo\",\"description\":\"Echo\",\"parametersJsonSchema\":{\"type\":\"object\"}}]}");
	}

	@Test
	void toolConfigWritesModeAndAllowedNames() {
		assertThat(write(ToolConfig.functionCalling(Mode.NONE)))
			.isEqualTo("{\"functionCallingConfig\":{\"mode\":\"NONE\"}}");
		assertThat(write(ToolConfig.functionCalling(Mode.VALIDATED, "a", "b")))
			.isEqualTo("{\"functionCallingConfig\":{\"mode\":\"VALIDATED\",\"allowedFunctionNames\":[\"a\",\"b\"]}}");
		ToolConfig withLocation = new ToolConfig(null, new RetrievalConfig(LatLng.of(38.72, -9.14), "pt_PT"));
		assertThat(write(withLocation))
			.isEqualTo("{\"retrievalConfig\":{\"latLng\":{\"latitude\":38.72,\"longitude\":-9.14},"
					+ "\"languageCode\":\"pt_PT\"}}");
	}

}
