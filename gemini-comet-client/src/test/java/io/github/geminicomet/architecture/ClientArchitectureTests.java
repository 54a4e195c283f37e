package io.github.geminicomet.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Architecture rules of the client module, checked on its compiled classes: no cycle between its
 * packages, no Spring Boot, and the layering of the house style.
 *
 * @author gemini-comet
 */
class ClientArchitectureTests {

	private static final JavaClasses CLIENT = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.github.geminicomet");

	/** Every package of the client is a slice of its own (the root package included). */
	private static final ArchRule NO_PACKAGE_CYCLES = slices().matching("io.github.(**)")
		.should()
		.beFreeOfCycles()
		.because("packages that depend on each other cannot be understood, tested or split apart alone");

	private static final ArchRule NO_SPRING_BOOT = noDependencyOn("org.springframework.boot..")
		.because("gemini-comet-client must work without Spring Boot; Boot code belongs in gemini-comet-autoconfigure");

	@Test
	void clientClassesAreImported() {
		assertThat(CLIENT.containPackage("io.github.geminicomet.model")).isTrue();
		assertThat(CLIENT.contain(io.github.geminicomet.GeminiTemplate.class)).isTrue();
		assertThat(CLIENT.stream().noneMatch((type) -> type.getPackageName().startsWith("io.github.geminicomet.autoconfigure")))
			.isTrue();
	}

	@Test
	void packagesHaveNoCycles() {
		NO_PACKAGE_CYCLES.check(CLIENT);
	}

	@Test
	void clientDoesNotDependOnSpringBoot() {
		NO_SPRING_BOOT.check(CLIENT);
	}

	@Test
	void wireModelDependsOnNothingElseOfTheClient() {
		noClasses().that()
			.resideInAPackage("io.github.geminicomet.model..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.github.geminicomet", "io.github.geminicomet.schema..", "io.github.geminicomet.tool..",
					"io.github.geminicomet.observation..", "io.github.geminicomet.codec..", "io.github.geminicomet.aot..")
			.check(CLIENT);
	}

	@Test
	void featurePackagesDoNotReachBackIntoTheRootPackage() {
		noClasses().that()
			.resideInAnyPackage("io.github.geminicomet.schema..", "io.github.geminicomet.tool..",
					"io.github.geminicomet.observation..", "io.github.geminicomet.codec..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("io.github.geminicomet")
			.check(CLIENT);
	}

	@Test
	void cycleRuleFailsOnPackagesThatDependOnEachOther() {
		JavaClasses cyclic = new ClassFileImporter().importPackages("io.github.geminicomet.architecture.fixture.cycle");
		EvaluationResult result = NO_PACKAGE_CYCLES.evaluate(cyclic);
		assertThat(result.hasViolation()).isTrue();
		assertThat(result.getFailureReport().toString()).contains("fixture.cycle.a").contains("fixture.cycle.b");
	}

	@Test
	void forbiddenDependencyRuleFailsOnAnImportOfThePackage() {
		// Spring Boot is not on this module's classpath at all, so the Boot rule is shown failing on a
		// package that is: the same rule, another package
		JavaClasses fixture = new ClassFileImporter().importPackages("io.github.geminicomet.architecture.fixture.cycle.a");
		assertThat(noDependencyOn("io.github.geminicomet.architecture.fixture.cycle.b..").evaluate(fixture).hasViolation())
			.isTrue();
		assertThat(NO_SPRING_BOOT.evaluate(fixture).hasViolation()).isFalse();
	}

	private static ArchRule noDependencyOn(String packageIdentifier) {
		return noClasses().should().dependOnClassesThat().resideInAPackage(packageIdentifier);
	}

}
