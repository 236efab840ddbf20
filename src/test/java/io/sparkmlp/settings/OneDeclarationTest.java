package io.sparkmlp.settings;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkmlp.ml.MlpClassifier;
import io.sparkmlp.ml.MlpRegressor;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Adding a setting is one declaration in {@link Settings}: from it alone, a job file can set it,
 * the estimators have it as a Param, both start from the same default, and both refuse the same bad
 * value.
 */
class OneDeclarationTest {
  /** Values tried, in order, until the setting's rule refuses one. */
  private static final List<Double> NUMBERS = List.of(-1e9, -1.0, -0.5, 0.0, 0.5, 1.0, 2.0, 1e9);

  static Stream<Setting<?>> settings() {
    return Settings.ALL.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("settings")
  void aJobFileReadsTheDefaultAndRefusesABadValue(Setting<?> setting) {
    if (!setting.hasKey()) {
      return;
    }
    assertSame(setting, setting.defaultValue(), JobFile.defaults().get(setting));
    JobFile written =
        JobFile.defaults().override(List.of(setting.key() + "=" + setting.defaultText()));
    assertSame(setting, setting.defaultValue(), written.get(setting));
    Optional<String> bad = refusedText(setting);
    if (bad.isPresent()) {
      JobFile file = JobFile.defaults().override(List.of(setting.key() + "=" + bad.get()));
      ConfException error = assertThrows(ConfException.class, () -> file.get(setting));
      assertTrue(
          error.getMessage().startsWith(setting.key() + " = " + bad.get() + " (command line): "),
          error.getMessage());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("settings")
  void everyEstimatorHasTheParamWithTheSameDefaultAndRefusesTheSameValue(Setting<?> setting) {
    if (!setting.hasParam()) {
      return;
    }
    for (Params estimator : List.<Params>of(new MlpClassifier(), new MlpRegressor())) {
      assertTrue(estimator.hasParam(setting.param()), estimator + " lacks " + setting.param());
      Param<Object> param = estimator.getParam(setting.param());
      assertSame(setting, setting.defaultValue(), estimator.getOrDefault(param));
      Optional<Object> bad = refusedValue(setting);
      if (bad.isPresent()) {
        assertThrows(IllegalArgumentException.class, () -> estimator.set(param, bad.get()));
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("settings")
  void aSettingWithoutAKeyOrParamHasADocAndAValidDefault(Setting<?> setting) {
    assertTrue(setting.hasKey() || setting.hasParam());
    assertTrue(!setting.doc().isBlank(), setting + " has no doc");
    assertTrue(accepts(setting, setting.defaultValue()));
  }

  /** A value of the setting's type that its rule refuses, if there is one. */
  private static Optional<Object> refusedValue(Setting<?> setting) {
    return candidates(setting).filter(value -> !accepts(setting, value)).findFirst();
  }

  private static Optional<String> refusedText(Setting<?> setting) {
    return refusedValue(setting).map(value -> print(setting, value));
  }

  private static Stream<Object> candidates(Setting<?> setting) {
    Type<?> type = setting.type();
    if (type == Type.REAL) {
      return NUMBERS.stream().map(Object.class::cast);
    }
    if (type == Type.INTEGER) {
      return NUMBERS.stream().map(n -> (Object) n.intValue());
    }
    if (type == Type.LONG) {
      return NUMBERS.stream().map(n -> (Object) n.longValue());
    }
    if (type == Type.TEXT) {
      return Stream.of("no_such_name");
    }
    if (type == Type.REALS) {
      return Stream.of(new double[] {0.5, 1.5}, new double[] {1, Double.NaN});
    }
    if (type == Type.INTEGERS) {
      return Stream.of(new int[] {2}, new int[] {2, 0, 1});
    }
    return Stream.empty();
  }

  @SuppressWarnings("unchecked")
  private static <T> T cast(Setting<T> setting, Object value) {
    return (T) value;
  }

  private static <T> boolean accepts(Setting<T> setting, Object value) {
    return setting.rule().accepts(cast(setting, value));
  }

  private static <T> String print(Setting<T> setting, Object value) {
    return setting.type().print(cast(setting, value));
  }

  private static void assertSame(Setting<?> setting, Object expected, Object actual) {
    if (expected instanceof int[] sizes) {
      assertArrayEquals(sizes, (int[]) actual, setting.toString());
    } else if (expected instanceof double[] values) {
      assertArrayEquals(values, (double[]) actual, setting.toString());
    } else {
      assertEquals(expected, actual, setting.toString());
    }
  }
}
