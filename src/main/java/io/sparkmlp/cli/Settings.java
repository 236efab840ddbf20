package io.sparkmlp.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.DoublePredicate;

/**
 * The raw key = value settings of a job: defaults, then a job file, then command-line overrides,
 * each value remembering where it came from so an error can say so.
 */
public final class Settings {
  private final Map<ConfKey, String> values = new EnumMap<>(ConfKey.class);
  private final Map<ConfKey, String> origins = new EnumMap<>(ConfKey.class);

  private Settings() {
    for (ConfKey key : ConfKey.values()) {
      values.put(key, key.defaultValue());
      origins.put(key, "default");
    }
  }

  /** The defaults overlaid with the job file {@code file} (Java properties syntax). */
  public static Settings fromFile(Path file) {
    Settings settings = new Settings();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      settings.overlay(load(reader, file.toString()), file.toString());
    } catch (NoSuchFileException e) {
      throw new ConfException("job file " + file + " does not exist");
    } catch (IOException e) {
      throw new ConfException("cannot read job file " + file + ": " + e.getMessage());
    }
    return settings;
  }

  /** The defaults overlaid with the job file embedded in the jar at {@code resource}. */
  public static Settings fromResource(String resource) {
    Settings settings = new Settings();
    try (InputStream in = Settings.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing embedded job " + resource);
      }
      Properties properties = new Properties();
      properties.load(in);
      settings.overlay(properties, "embedded job " + resource);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read embedded job " + resource, e);
    }
    return settings;
  }

  /** Applies {@code key=value} overrides from the command line. */
  public Settings override(List<String> assignments) {
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
    overlay(properties, "command line");
    return this;
  }

  /** Sets one key, e.g. output.dir from --out. */
  public Settings set(ConfKey key, String value, String origin) {
    values.put(key, value);
    origins.put(key, origin);
    return this;
  }

  private static Properties load(Reader reader, String origin) throws IOException {
    Properties properties = new Properties();
    try {
      properties.load(reader);
    } catch (IllegalArgumentException e) {
      throw new ConfException(origin + ": " + e.getMessage());
    }
    return properties;
  }

  private void overlay(Properties properties, String origin) {
    for (String name : properties.stringPropertyNames()) {
      ConfKey key =
          ConfKey.byKey(name)
              .orElseThrow(
                  () ->
                      new ConfException(
                          "unknown key '"
                              + name
                              + "' in "
                              + origin
                              + " (valid keys: "
                              + ConfKey.allKeys()
                              + ")"));
      values.put(key, properties.getProperty(name).trim());
      origins.put(key, origin);
    }
  }

  public String string(ConfKey key) {
    return values.get(key);
  }

  public List<String> list(ConfKey key) {
    return List.of(values.get(key).split("\\s*,\\s*"));
  }

  public int integer(ConfKey key, int min) {
    String value = values.get(key);
    int parsed;
    try {
      parsed = Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw bad(key, "is not an integer");
    }
    if (parsed < min) {
      throw bad(key, "must be >= " + min);
    }
    return parsed;
  }

  /** true or false, in any case. */
  public boolean bool(ConfKey key) {
    return switch (values.get(key).toLowerCase(java.util.Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw bad(key, "must be true or false");
    };
  }

  public long longValue(ConfKey key) {
    try {
      return Long.parseLong(values.get(key));
    } catch (NumberFormatException e) {
      throw bad(key, "is not an integer");
    }
  }

  /**
   * A finite number satisfying {@code valid}, which {@code rule} describes (e.g. "must be > 0").
   */
  public double number(ConfKey key, DoublePredicate valid, String rule) {
    double parsed;
    try {
      parsed = Double.parseDouble(values.get(key));
    } catch (NumberFormatException e) {
      throw bad(key, "is not a number");
    }
    if (!Double.isFinite(parsed) || !valid.test(parsed)) {
      throw bad(key, rule);
    }
    return parsed;
  }

  /** An error about {@code key}'s current value: "{key} = {value} ({origin}): {problem}". */
  public ConfException bad(ConfKey key, String problem) {
    return new ConfException(
        key.key() + " = " + values.get(key) + " (" + origins.get(key) + "): " + problem);
  }
}
