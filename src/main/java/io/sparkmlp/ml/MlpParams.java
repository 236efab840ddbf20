package io.sparkmlp.ml;

import io.sparkmlp.settings.Rule;
import io.sparkmlp.settings.Setting;
import io.sparkmlp.settings.Settings;
import io.sparkmlp.settings.Type;
import java.io.Serializable;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleArrayParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntArrayParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;
import scala.Function1;

/**
 * The Spark ML Params of an MLP estimator or model, one for every {@link Settings setting} that
 * declares a Param name, created for one owner from the declaration: name, doc (with the valid
 * values), validator (the setting's rule) and default.
 */
public final class MlpParams implements Serializable {
  private static final long serialVersionUID = 1L;

  /** By Param name: settings themselves are not serializable, and models travel in closures. */
  private final Map<String, Param<?>> params = new LinkedHashMap<>();

  MlpParams(Params owner) {
    for (Setting<?> setting : Settings.ALL) {
      if (setting.hasParam()) {
        params.put(setting.param(), create(owner, setting));
      }
    }
  }

  /** The Param of {@code setting}. */
  @SuppressWarnings("unchecked") // each setting's Param holds values of the setting's type
  <T> Param<T> param(Setting<T> setting) {
    Param<?> param = params.get(setting.param());
    if (param == null) {
      throw new IllegalArgumentException(setting + " is not a Param of the MLP estimators");
    }
    return (Param<T>) param;
  }

  /** The Param of {@code setting}, for the typed accessors to cast to its Spark class. */
  Param<?> declared(Setting<?> setting) {
    return param(setting);
  }

  /** Sets every default on {@code owner}; called once from each constructor. */
  @SuppressWarnings("unchecked") // as in param
  void setDefaults(Params owner) {
    for (Setting<?> setting : Settings.ALL) {
      if (setting.hasParam()) {
        owner.setDefault((Param<Object>) param(setting), setting.defaultValue());
      }
    }
  }

  /** {@code sparkParams} (Spark's own shared Params, found by reflection) with these, by name. */
  Param<?>[] withSparkParams(Param<?>[] sparkParams) {
    Set<Param<?>> all = new LinkedHashSet<>(Arrays.asList(sparkParams));
    all.addAll(params.values());
    return all.stream().sorted((a, b) -> a.name().compareTo(b.name())).toArray(Param<?>[]::new);
  }

  private static Param<?> create(Params owner, Setting<?> setting) {
    Type<?> type = setting.type();
    String doc =
        setting.doc()
            + (setting.rule().description().isEmpty()
                ? ""
                : " (" + setting.rule().description() + ")");
    if (type == Type.REAL) {
      return new DoubleParam(owner, setting.param(), doc, validator(setting));
    }
    if (type == Type.INTEGER) {
      return new IntParam(owner, setting.param(), doc, validator(setting));
    }
    if (type == Type.LONG) {
      return new LongParam(owner, setting.param(), doc, validator(setting));
    }
    if (type == Type.BOOLEAN) {
      return new BooleanParam(owner, setting.param(), doc);
    }
    if (type == Type.INTEGERS) {
      return new IntArrayParam(owner, setting.param(), doc, validator(setting));
    }
    if (type == Type.REALS) {
      return new DoubleArrayParam(owner, setting.param(), doc, validator(setting));
    }
    if (type == Type.TEXT) {
      return new Param<String>(owner, setting.param(), doc, validator(setting));
    }
    throw new IllegalStateException("no Param type for " + type.name());
  }

  /**
   * The setting's rule as a Spark validator; serializable, because models travel inside Spark
   * closures. Primitive Params erase their validator to Object =&gt; Object, hence the cast.
   */
  @SuppressWarnings("unchecked")
  private static <T, V> Function1<V, Object> validator(Setting<T> setting) {
    Rule.Problem<T> problem = setting.rule().problem();
    return (Function1<V, Object> & Serializable) value -> problem.of((T) value) == null;
  }
}
