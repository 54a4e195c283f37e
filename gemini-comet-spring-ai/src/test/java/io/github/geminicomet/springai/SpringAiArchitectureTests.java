package io.github.geminicomet.springai;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Architecture rules of the Spring AI bridge: it works without Spring Boot, and uses the client only
 * through its public API and wire model.
 */
class SpringAiArchitectureTests {

	private static final JavaClasses BRIDGE = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.github.geminicomet.springai");

	@Test
	void bridgeClassesAreImported() {
		assertThat(BRIDGE.contain(GeminiCometChatModel.class)).isTrue();
	}

	@Test
	void bridgeDoesNotDependOnSpringBoot() {
		noClasses().should()
			.dependOnClassesThat()
			.resideInAPackage("org.springframework.boot..")
			.because("gemini-comet-spring-ai must work without Spring Boot; Boot code belongs in gemini-comet-autoconfigure")
			.check(BRIDGE);
	}

	@Test
	void bridgeDoesNotUseTheClientsInternals() {
		noClasses().should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.github.geminicomet.codec..", "io.github.geminicomet.observation..")
			.check(BRIDGE);
	}

}
