package dev.benchy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The engine stays framework-free, and data flows one way: core knows nothing of its adapters. */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.benchy");

    @Test
    void coreUsesOnlyTheJdkAndJackson() {
        noClasses().that().resideInAPackage("dev.benchy.core..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.quarkus..", "jakarta..", "javax.inject..", "io.vertx..", "io.netty..",
                        "io.smallrye..", "io.micrometer..", "org.eclipse.microprofile..", "ai.djl..",
                        "com.knuddels..", "picocli..")
                .because("the engine must run and be tested without any framework")
                .check(CLASSES);
    }

    @Test
    void coreDoesNotKnowItsAdapters() {
        noClasses().that().resideInAPackage("dev.benchy.core..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.benchy.openai..", "dev.benchy.tokenizer..", "dev.benchy.service..",
                        "dev.benchy.cli..", "dev.benchy.simulator..")
                .check(CLASSES);
    }

    @Test
    void adaptersDoNotDependOnTheServiceOrCli() {
        noClasses().that().resideInAnyPackage("dev.benchy.openai..", "dev.benchy.tokenizer..",
                        "dev.benchy.simulator..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.benchy.service..", "dev.benchy.cli..",
                        "io.quarkus..", "jakarta.enterprise..")
                .check(CLASSES);
    }
}
