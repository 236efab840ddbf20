package io.sparkmlp.settings;

/**
 * One setting, declared once in {@link Settings}: its job-file key, its Spark ML Param name, its
 * type, default, one-line doc and rule. The job-file reader, the estimators' Params, {@code
 * --list-keys}, the docs' key table and the trainer's configuration all read this declaration.
 *
 * @param key the job-file key, e.g. "train.learning_rate"; null for a Param that no job file sets
 * @param param the Spark ML Param name, e.g. "stepSize"; null for a job-file-only setting
 */
public record Setting<T>(
    String key, String param, Type<T> type, T defaultValue, String doc, Rule<T> rule) {
  public Setting {
    if (key == null && param == null) {
      throw new IllegalArgumentException("a setting needs a key, a Param name or both: " + doc);
    }
    String problem = rule.problem().of(defaultValue);
    if (problem != null) {
      throw new IllegalArgumentException(
          (key != null ? key : param) + "'s default " + defaultValue + " " + problem);
    }
  }

  public boolean hasKey() {
    return key != null;
  }

  public boolean hasParam() {
    return param != null;
  }

  /** The default as a job file would write it. */
  public String defaultText() {
    return type.print(defaultValue);
  }

  /**
   * The valid value that {@code text} stands for.
   *
   * @throws IllegalArgumentException whose message is the problem, e.g. "must be &gt; 0"
   */
  public T read(String text) {
    T value = type.parse(text);
    String problem = rule.problem().of(value);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    return value;
  }

  /**
   * The value if it is valid.
   *
   * @throws IllegalArgumentException naming the setting, the problem and the value
   */
  public T require(T value) {
    String problem = rule.problem().of(value);
    if (problem != null) {
      throw new IllegalArgumentException(this + " " + problem + ", got " + type.print(value));
    }
    return value;
  }

  @Override
  public String toString() {
    return hasKey() ? key : param;
  }
}
