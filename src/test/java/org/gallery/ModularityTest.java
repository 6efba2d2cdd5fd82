package org.gallery;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import org.junit.jupiter.api.Test;

/**
 * Features talk through each other's small public API, never through internals: a feature's tables, queries,
 * controllers and helpers are package-private, and the feature packages form no cycles.
 */
class ModularityTest {

    static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.gallery");

    @Test
    void featurePackagesFormNoCycles() {
        assertThatCode(() -> slices().matching("org.gallery.(*)..").should().beFreeOfCycles().check(CLASSES))
                .doesNotThrowAnyException();
    }

    @Test
    void tablesQueriesAndControllersStayInsideTheirFeature() {
        ArchRule rule = ArchRuleDefinition.classes()
                .that().haveSimpleNameEndingWith("Tables")
                .or().haveSimpleNameEndingWith("Queries")
                .or().haveSimpleNameEndingWith("Controller")
                .should().notBePublic()
                .because("another feature must go through the owning feature's service");
        assertThatCode(() -> rule.check(CLASSES)).doesNotThrowAnyException();
    }

    @Test
    void noFeatureReachesIntoAnotherFeaturesTables() {
        for (String feature : new String[] {"photoset", "image", "tag", "caption", "crop", "jobs", "export", "thumbnail", "migration", "search"}) {
            String pkg = "org.gallery." + feature + "..";
            ArchRule rule = ArchRuleDefinition.noClasses()
                    .that().resideOutsideOfPackage(pkg)
                    .should().dependOnClassesThat(JavaClass.Predicates.resideInAPackage(pkg)
                            .and(JavaClass.Predicates.simpleNameEndingWith("Tables")));
            assertThatCode(() -> rule.check(CLASSES)).as(feature).doesNotThrowAnyException();
        }
    }
}
