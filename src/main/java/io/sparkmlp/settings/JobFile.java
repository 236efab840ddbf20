package io.sparkmlp.settings;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A job's settings as text: the defaults, then a job file (Java properties syntax), then
 * command-line overrides, each value remembering where it came from so that an error can say so.
 * Unknown keys, a key given twice in one file, and every bad value are refused with a {@link
 * ConfException} naming the key, its value and its origin.
 */
public final class JobFile implements SettingValues {
  private final Map<Setting<?>, String> texts = new HashMap<>();
  private final Map<Setting<?>, String> origins = new HashMap<>();
  private String name; // the job file's name without its extension; null without a job file

  private JobFile() {
    for (Setting<?> setting : Settings.ALL) {
      if (setting.hasKey()) {
        texts.put(setting, setting.defaultText());
        origins.put(setting, "default");
      }
    }
  }

  /** Every setting at its default. */
  public static JobFile defaults() {
    return new JobFile();
  }

  /** The defaults overlaid with the job file {@code file}. */
  public static JobFile read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ConfException("job file " + file + " does not exist");
    } catch (IOException e) {
      throw new ConfException("cannot read job file " + file + ": " + e.getMessage());
    }
    JobFile job = new JobFile().overlay(properties(text, file.toString()), file.toString());
    job.name = file.getFileName().toString().replaceFirst("\\.[^.]*$", "");
    return job;
  }

  /** The job file's name without its extension (conf/mnist.properties: mnist), or null. */
  public String name() {
    return name;
  }

  /** The defaults overlaid with the job file embedded in the jar at {@code resource}. */
  public static JobFile embedded(String resource) {
    try (InputStream in = JobFile.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing embedded job " + resource);
      }
      String origin = "embedded job " + resource;
      return new JobFile()
          .overlay(
              properties(new String(in.readAllBytes(), StandardCharsets.UTF_8), origin), origin);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read embedded job " + resource, e);
    }
  }

  /** Applies {@code key=value} overrides from the command line; a later one wins. */
  public JobFile override(List<String> assignments) {
    Properties properties = new Properties();
    for (String assignment : assignments) {
      int eq = assignment.indexOf('=');
      if (eq <= 0) {
        throw new ConfException(
            "override '" + assignment + "' is not of the form key=value (e.g. train.epochs=5)");
      }
      properties.setProperty(
          assignment.substring(0, eq).trim(), assignment.substring(eq + 1).trim());
    }
    return overlay(properties, "command line");
  }

  /** Applies {@code values} (key to value text), e.g. the reading settings a model keeps. */
  public JobFile overlay(Map<String, String> values, String origin) {
    Properties properties = new Properties();
    properties.putAll(values);
    return overlay(properties, origin);
  }

  /** Sets one key, e.g. output.dir from --out. */
  public JobFile set(Setting<?> setting, String value, String origin) {
    texts.put(setting, value);
    origins.put(setting, origin);
    return this;
  }

  /** Reads every value, so that a bad one anywhere is refused before anything starts. */
  public JobFile validated() {
    texts.keySet().forEach(this::get);
    return this;
  }

  @Override
  public <T> T get(Setting<T> setting) {
    String text = texts.get(setting);
    if (text == null) {
      return setting.defaultValue();
    }
    try {
      return setting.read(text);
    } catch (IllegalArgumentException e) {
      throw bad(setting, e.getMessage());
    }
  }

  /** The setting's valid value as text, in the form a job file gives it. */
  public <T> String text(Setting<T> setting) {
    return setting.type().print(get(setting));
  }

  @Override
  public String name(Setting<?> setting) {
    return setting.key();
  }

  /** "{key} = {value} ({origin}): {problem}". */
  @Override
  public ConfException bad(Setting<?> setting, String problem) {
    return new ConfException(
        "%s = %s (%s): %s"
            .formatted(
                setting.key(),
                texts.getOrDefault(setting, setting.defaultText()),
                origins.getOrDefault(setting, "default"),
                problem));
  }

  /**
   * The properties in {@code text}, refusing a key given twice; a UTF-8 byte order mark, which some
   * editors write first, is not part of the first key.
   */
  private static Properties properties(String text, String origin) {
    List<String> repeated = new ArrayList<>();
    Properties properties =
        new Properties() {
          @Override
          public synchronized Object put(Object key, Object value) {
            Object earlier = super.put(key, value);
            if (earlier != null) {
              repeated.add("'" + key + "' (" + earlier + ", then " + value + ")");
            }
            return earlier;
          }
        };
    try {
      properties.load(new StringReader(text.startsWith("\uFEFF") ? text.substring(1) : text));
    } catch (IOException | IllegalArgumentException e) {
      throw new ConfException(origin + ": " + e.getMessage());
    }
    if (!repeated.isEmpty()) {
      throw new ConfException(
          origin + " gives a key more than once: " + String.join(", ", repeated));
    }
    return properties;
  }

  private JobFile overlay(Properties properties, String origin) {
    for (String name : properties.stringPropertyNames()) {
      Setting<?> setting = Settings.byKey(name);
      if (setting == null) {
        throw new ConfException(
            "unknown key '%s' in %s (valid keys: %s)".formatted(name, origin, Settings.allKeys()));
      }
      set(setting, properties.getProperty(name).trim(), origin);
    }
    return this;
  }
}
