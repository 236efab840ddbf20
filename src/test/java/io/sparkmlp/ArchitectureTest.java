package io.sparkmlp;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The layering of src/site/markdown/architecture.md, one rule per layer: each package uses only the
 * packages drawn below it, and Spark stays out of the math. Analyses the application and the bench
 * (compiled with the tests), not the tests themselves.
 */
@AnalyzeClasses(packages = "io.sparkmlp", importOptions = ArchitectureTest.MainAndBench.class)
class ArchitectureTest {
  private static final String JDK = "java..";
  private static final String JACKSON = "com.fasterxml.jackson..";
  private static final String SPARK = "org.apache.spark..";
  private static final String SCALA = "scala..";

  /** Main classes, and the bench's (which live among the test classes); no test. */
  static final class MainAndBench implements ImportOption {
    @Override
    public boolean includes(Location location) {
      return !location.contains("/test-classes/")
          || location.contains("/io/sparkmlp/bench/") && !location.contains("Test");
    }
  }

  @ArchTest
  static final ArchRule nnUsesOnlyTheJdkAndBlas =
      layer("nn")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage(JDK, "dev.ludovic.netlib..", p("nn"));

  @ArchTest
  static final ArchRule optimUsesOnlyNn =
      layer("optim")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage(JDK, p("nn"), p("optim"));

  @ArchTest
  static final ArchRule filesUsesOnlyJackson =
      layer("files")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage(JDK, JACKSON, p("files"));

  @ArchTest
  static final ArchRule dataUsesNnAndSpark =
      layer("data")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage(JDK, SPARK, SCALA, p("nn"), p("data"));

  @ArchTest
  static final ArchRule settingsAreBelowEverythingThatReadsThem =
      layer("settings")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage(JDK, p("nn"), p("optim"), p("data"), p("settings"));

  @ArchTest
  static final ArchRule sourceReadsDataWithoutTraining =
      layer("source")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage(JDK, SPARK, SCALA, p("nn"), p("data"), p("settings"), p("source"));

  @ArchTest
  static final ArchRule trainUsesTheLayersBelow =
      layer("train")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage(
              JDK,
              JACKSON,
              SPARK,
              SCALA,
              p("nn"),
              p("optim"),
              p("data"),
              p("settings"),
              p("files"),
              p("train"));

  @ArchTest
  static final ArchRule storeUsesNnAndFiles =
      layer("store")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage(JDK, JACKSON, p("nn"), p("files"), p("store"));

  @ArchTest
  static final ArchRule reportUsesFilesAndCharts =
      layer("report")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage(
              JDK,
              "org.knowm.xchart..",
              "dev.ludovic.netlib..",
              "org.netlib.util..",
              p("files"),
              p("report"));

  @ArchTest
  static final ArchRule mlIsTheSparkFaceOfTraining =
      layer("ml")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage(
              JDK,
              JACKSON,
              SPARK,
              SCALA,
              p("nn"),
              p("optim"),
              p("data"),
              p("settings"),
              p("train"),
              p("store"),
              p("files"),
              p("ml"));

  @ArchTest
  static final ArchRule onlyTheBenchUsesTheCommandLine =
      noClasses()
          .that()
          .resideOutsideOfPackages(p("cli"), p("bench"))
          .should()
          .dependOnClassesThat()
          .resideInAPackage(p("cli"));

  @ArchTest
  static final ArchRule nothingUsesTheBench =
      noClasses()
          .that()
          .resideOutsideOfPackage(p("bench"))
          .should()
          .dependOnClassesThat()
          .resideInAPackage(p("bench"));

  @ArchTest
  static final ArchRule theCommandLineDoesNotUseTheSparkMlFace =
      noClasses()
          .that()
          .resideInAPackage(p("cli"))
          .should()
          .dependOnClassesThat()
          .resideInAPackage(p("ml"));

  private static String p(String layer) {
    return "io.sparkmlp." + layer + "..";
  }

  private static com.tngtech.archunit.lang.syntax.elements.GivenClassesConjunction layer(
      String name) {
    return classes().that().resideInAPackage(p(name));
  }
}
