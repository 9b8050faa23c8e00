package com.marketbase.batch;

import com.marketbase.batch.source.SourceResolver;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The shape of the production code, checked on its classes: dependencies point one way
 * ({@code cli}, {@code serve}, {@code schedule} → {@code job} → {@code source} →
 * {@code support} / {@code warehouse}), jobs stand alone, the sandbox is reached only
 * through the source resolver (and the command line's {@code sandbox} command), the
 * console only from {@code serve}, and no benchmark lives in the jar.
 */
class ArchitectureTests {

	private static final JavaClasses PRODUCTION = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("com.marketbase");

	@Test
	void jobsNeverImportOtherJobs() {
		slices().matching("com.marketbase.batch.job.(*)..").should().notDependOnEachOther().check(PRODUCTION);
	}

	@Test
	void sourcesWarehouseAndSupportNeverImportAJob() {
		noClasses().that()
			.resideInAnyPackage("com.marketbase.batch.source..", "com.marketbase.batch.warehouse..",
					"com.marketbase.batch.support..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("com.marketbase.batch.job..")
			.check(PRODUCTION);
	}

	@Test
	void supportAndWarehouseNeverImportASourceConnector() {
		noClasses().that()
			.resideInAnyPackage("com.marketbase.batch.support..", "com.marketbase.batch.warehouse..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("com.marketbase.batch.source..")
			.check(PRODUCTION);
		noClasses().that()
			.resideInAPackage("com.marketbase.batch.warehouse..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("com.marketbase.batch.support..")
			.check(PRODUCTION);
	}

	@Test
	void packagesHaveNoCycles() {
		slices().matching("com.marketbase.(*)..").should().beFreeOfCycles().check(PRODUCTION);
		slices().matching("com.marketbase.batch.(*)..").should().beFreeOfCycles().check(PRODUCTION);
		slices().matching("com.marketbase.batch.support.(*)..").should().beFreeOfCycles().check(PRODUCTION);
		slices().matching("com.marketbase.console.(*)..").should().beFreeOfCycles().check(PRODUCTION);
	}

	@Test
	void onlyTheSourceResolverAndTheCommandLineReachTheSandbox() {
		noClasses().that()
			.resideOutsideOfPackages("com.marketbase.batch.sandbox..", "com.marketbase.batch.cli..")
			.and()
			.doNotHaveFullyQualifiedName(SourceResolver.class.getName())
			.should()
			.dependOnClassesThat()
			.resideInAPackage("com.marketbase.batch.sandbox..")
			.check(PRODUCTION);
	}

	@Test
	void onlyServeReachesTheConsole() {
		noClasses().that()
			.resideInAPackage("com.marketbase.batch..")
			.and()
			.resideOutsideOfPackage("com.marketbase.batch.serve..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("com.marketbase.console..")
			.check(PRODUCTION);
		noClasses().that()
			.resideInAPackage("com.marketbase.console..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("com.marketbase.batch..")
			.check(PRODUCTION);
	}

	@Test
	void noBenchmarkCodeInTheJar() {
		noClasses().should().haveSimpleNameEndingWith("Benchmark").check(PRODUCTION);
		methods().that()
			.haveName("main")
			.and()
			.areStatic()
			.should()
			.beDeclaredIn(BatchJobsApplication.class)
			.check(PRODUCTION);
	}

}
