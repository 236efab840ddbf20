package io.sparkmlp.settings;

/**
 * The values of the settings as one face of spark-mlp holds them: a job file with its overrides, or
 * an estimator's Params. Settings a face does not have read as their defaults.
 */
public interface SettingValues {
  /** The setting's valid value. */
  <T> T get(Setting<T> setting);

  /** What the user calls the setting here: its job-file key, or its Param name. */
  String name(Setting<?> setting);

  /** An error about the setting's value that names it as the user wrote it. */
  RuntimeException bad(Setting<?> setting, String problem);
}
