package dev.parley;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Packages depend one way, so a feature can be read (and one day split out) on its own: the wiring on top, then the
 * dashboard, the features, authentication and rate limits, the HTTP plumbing, the store, and at the bottom the
 * API's own vocabulary, configuration and cryptography. No two packages import each other, directly or around a
 * circle.
 */
class PackageDependenciesTest {
    /** Every package that is not one of these is a feature (accounts, apps, keys, users, conversations…). */
    private static final String[] PLUMBING = {"dev.parley.cli..", "dev.parley.dashboard..", "dev.parley.auth..",
            "dev.parley.ratelimit..", "dev.parley.http..", "dev.parley.store..", "dev.parley.api..",
            "dev.parley.config..", "dev.parley.crypto.."};
    private static final JavaClasses PARLEY = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.parley");

    @Test
    void layersDependOnlyDownwards() {
        layeredArchitecture().consideringOnlyDependenciesInAnyPackage("dev.parley..")
                .layer("Wiring").definedBy("dev.parley", "dev.parley.cli..")
                .layer("Dashboard").definedBy("dev.parley.dashboard..")
                .layer("Features").definedBy(resideInAPackage("dev.parley.*..").and(not(resideInAnyPackage(
                        PLUMBING))))
                .layer("Auth").definedBy("dev.parley.auth..", "dev.parley.ratelimit..")
                .layer("Http").definedBy("dev.parley.http..")
                .layer("Store").definedBy("dev.parley.store..")
                .layer("Foundation").definedBy("dev.parley.api..", "dev.parley.config..", "dev.parley.crypto..")
                .whereLayer("Wiring").mayNotBeAccessedByAnyLayer()
                .whereLayer("Dashboard").mayOnlyBeAccessedByLayers("Wiring")
                .whereLayer("Features").mayOnlyBeAccessedByLayers("Wiring", "Dashboard")
                .whereLayer("Auth").mayOnlyBeAccessedByLayers("Wiring", "Dashboard", "Features")
                .whereLayer("Http").mayOnlyBeAccessedByLayers("Wiring", "Dashboard", "Features", "Auth")
                .whereLayer("Store").mayOnlyBeAccessedByLayers("Wiring", "Dashboard", "Features", "Auth")
                .check(PARLEY);
    }

    @Test
    void noTwoPackagesDependOnEachOther() {
        slices().matching("dev.parley.(*)..").should().beFreeOfCycles().check(PARLEY);
    }
}
