package io.sparkmlp;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The layering of DESIGN.md: arrows point down, and nn and optim know nothing of Spark. */
@AnalyzeClasses(packages = "io.sparkmlp", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  @ArchTest
  static final ArchRule nnUsesOnlyTheJdkAndBlas =
      classes()
          .that()
          .resideInAPackage("io.sparkmlp.nn..")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage("java..", "dev.ludovic.netlib..", "io.sparkmlp.nn..");

  @ArchTest
  static final ArchRule optimUsesOnlyTheJdkAndNn =
      classes()
          .that()
          .resideInAPackage("io.sparkmlp.optim..")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage("java..", "io.sparkmlp.nn..", "io.sparkmlp.optim..");

  @ArchTest
  static final ArchRule lowerLayersDoNotCallUp =
      noClasses()
          .that()
          .resideInAnyPackage(
              "io.sparkmlp.nn..",
              "io.sparkmlp.optim..",
              "io.sparkmlp.data..",
              "io.sparkmlp.train..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("io.sparkmlp.cli..", "io.sparkmlp.ml..");

  @ArchTest
  static final ArchRule reportAndStoreStayBelowTheApplication =
      noClasses()
          .that()
          .resideInAnyPackage("io.sparkmlp.report..", "io.sparkmlp.store..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("io.sparkmlp.cli..", "io.sparkmlp.ml..", "io.sparkmlp.train..");
}
