package io.sparkmlp.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparkmlp.files.AtomicFiles;
import io.sparkmlp.files.Json;
import io.sparkmlp.files.Sha256;
import io.sparkmlp.nn.Activation;
import io.sparkmlp.nn.OutputLoss;
import io.sparkmlp.nn.Topology;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A trained network on disk as two files, never Java serialization:
 *
 * <ul>
 *   <li>{@code model.json}: {@code format} "spark-mlp-model", {@code version} 1, {@code layers}
 *       (units per layer, input first), {@code hidden} (per hidden layer: {@code activation} and,
 *       for leaky_relu, {@code slope}), {@code output}, {@code loss}, {@code parameter_count}, and
 *       {@code weights}: {@code file}, {@code dtype} "float64", {@code byte_order} "little_endian",
 *       {@code sha256} of the file;
 *   <li>{@code weights.bin}: the flat parameters, parameter_count little-endian IEEE doubles. Layer
 *       l (mapping layers[l] to layers[l+1] units) holds W_l, layers[l+1] x layers[l] in
 *       column-major order, then b_l; layers follow each other from input to output.
 * </ul>
 */
public final class ModelFiles {
  public static final String MODEL_JSON = "model.json";
  public static final String WEIGHTS = "weights.bin";
  static final String FORMAT = "spark-mlp-model";
  static final int VERSION = 1;

  private ModelFiles() {}

  /**
   * Writes both files into {@code dir}, the weights first, each atomically.
   *
   * @param input how rows are to be read and prepared for this model
   */
  public static void write(Path dir, Topology topology, double[] parameters, ModelInput input)
      throws IOException {
    if (parameters.length != topology.parameterCount()) {
      throw new IllegalArgumentException(
          "%s parameters do not fit %s, which has %s"
              .formatted(parameters.length, topology, topology.parameterCount()));
    }
    ByteBuffer bytes =
        ByteBuffer.allocate(Double.BYTES * parameters.length).order(ByteOrder.LITTLE_ENDIAN);
    bytes.asDoubleBuffer().put(parameters);
    byte[] weights = bytes.array();
    AtomicFiles.write(dir.resolve(WEIGHTS), weights);

    ObjectNode model = Json.object();
    model.put("format", FORMAT);
    model.put("version", VERSION);
    model.setAll(network(topology));
    if (!input.labels().isEmpty()) {
      input.labels().forEach(model.putArray("labels")::add);
    }
    ObjectNode inputNode = model.putObject("input");
    ObjectNode reading = inputNode.putObject("reading");
    new java.util.TreeMap<>(input.reading()).forEach(reading::put);
    input.featureColumns().forEach(inputNode.putArray("feature_columns")::add);
    inputNode.put("feature_scale", input.featureScale());
    model.put("parameter_count", topology.parameterCount());
    model
        .putObject("weights")
        .put("file", WEIGHTS)
        .put("dtype", "float64")
        .put("byte_order", "little_endian")
        .put("sha256", Sha256.hex(weights));
    AtomicFiles.write(dir.resolve(MODEL_JSON), Json.pretty(model));
  }

  /**
   * Reads and checks a model written by {@link #write}.
   *
   * @throws IOException naming the file and what is wrong with it
   */
  public static SavedModel read(Path dir) throws IOException {
    Path jsonFile = dir.resolve(MODEL_JSON);
    JsonNode model;
    try {
      model = Json.MAPPER.readTree(jsonFile.toFile());
    } catch (NoSuchFileException | java.io.FileNotFoundException e) {
      throw new IOException(jsonFile + " does not exist: not a spark-mlp model directory");
    }
    if (!FORMAT.equals(model.path("format").asText()) || model.path("version").asInt() != VERSION) {
      throw new IOException(jsonFile + " is not a " + FORMAT + " version " + VERSION + " file");
    }
    Path weightsFile = dir.resolve(WEIGHTS);
    checkSizeBeforeAllocating(jsonFile, model.path("layers"), weightsFile);
    Topology topology;
    try {
      topology = topology(model);
    } catch (IllegalArgumentException e) {
      throw new IOException(jsonFile + ": " + e.getMessage());
    }
    if (model.path("parameter_count").asLong() != topology.parameterCount()) {
      throw new IOException(
          "%s: parameter_count %s does not match layers %s (%s)"
              .formatted(
                  jsonFile,
                  model.path("parameter_count").asLong(),
                  model.path("layers"),
                  topology.parameterCount()));
    }
    byte[] weights = Files.readAllBytes(weightsFile);
    if (!Sha256.hex(weights).equals(model.path("weights").path("sha256").asText())) {
      throw new IOException(weightsFile + " does not match the sha256 in " + jsonFile);
    }
    double[] parameters = new double[topology.parameterCount()];
    ByteBuffer.wrap(weights).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(parameters);
    for (int i = 0; i < parameters.length; i++) {
      if (!Double.isFinite(parameters[i])) {
        throw new IOException(weightsFile + ": parameter " + i + " is " + parameters[i]);
      }
    }
    List<String> labels = texts(model.path("labels"));
    int named =
        switch (topology.task()) {
          case CLASSIFICATION -> topology.classes();
          case MULTI_LABEL -> topology.outputs();
          case REGRESSION -> 0;
        };
    if (!labels.isEmpty() && labels.size() != named) {
      throw new IOException(
          "%s: %d labels do not name the classes or labels of %s"
              .formatted(jsonFile, labels.size(), topology));
    }
    JsonNode input = model.path("input");
    Map<String, String> reading = new HashMap<>();
    input
        .path("reading")
        .fields()
        .forEachRemaining(e -> reading.put(e.getKey(), e.getValue().asText()));
    try {
      return new SavedModel(
          topology,
          parameters,
          new ModelInput(
              reading,
              texts(input.path("feature_columns")),
              input.path("feature_scale").asDouble(1),
              labels));
    } catch (IllegalArgumentException e) {
      throw new IOException(jsonFile + ": " + e.getMessage());
    }
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(item -> texts.add(item.asText()));
    return texts;
  }

  /**
   * Refuses layers whose parameter count (computed in long arithmetic) is not what the weights file
   * holds, before any array is allocated: a model.json claiming a 10^6 x 10^6 layer fails here, not
   * with an OutOfMemoryError.
   */
  private static void checkSizeBeforeAllocating(Path jsonFile, JsonNode layers, Path weightsFile)
      throws IOException {
    long count = 0;
    for (int l = 0; l + 1 < layers.size(); l++) {
      long in = layers.get(l).asLong();
      long out = layers.get(l + 1).asLong();
      if (in < 1 || out < 1 || in > Integer.MAX_VALUE || out > Integer.MAX_VALUE) {
        throw new IOException(jsonFile + ": layer sizes " + layers + " must be in [1, 2^31)");
      }
      count += out * in + out;
    }
    long onDisk = Files.exists(weightsFile) ? Files.size(weightsFile) : -1;
    if (count > Integer.MAX_VALUE || onDisk != Double.BYTES * count) {
      throw new IOException(
          "%s: layers %s need %s parameters (%s bytes) but %s%s"
              .formatted(
                  jsonFile,
                  layers,
                  count,
                  Double.BYTES * count,
                  weightsFile,
                  (onDisk < 0 ? " is missing" : " holds " + onDisk + " bytes")));
    }
  }

  /**
   * The network as JSON: {@code layers}, {@code hidden} (per hidden layer, {@code activation} and,
   * for leaky_relu, {@code slope}), {@code output} and {@code loss}. Spark ML models store the
   * same.
   */
  public static ObjectNode network(Topology topology) {
    ObjectNode network = Json.object();
    ArrayNode layers = network.putArray("layers");
    for (int size : topology.sizes()) {
      layers.add(size);
    }
    ArrayNode hidden = network.putArray("hidden");
    for (Activation activation : topology.hiddenActivations()) {
      ObjectNode layer = hidden.addObject().put("activation", activation.name());
      if (activation instanceof Activation.LeakyRelu leaky) {
        layer.put("slope", leaky.slope());
      }
    }
    network.put("output", topology.outputLoss().outputName());
    network.put("loss", topology.outputLoss().lossName());
    return network;
  }

  /**
   * The network that {@link #network} wrote.
   *
   * @throws IllegalArgumentException if it describes no valid network
   */
  public static Topology topology(JsonNode model) {
    JsonNode layers = model.path("layers");
    int[] sizes = new int[layers.size()];
    for (int l = 0; l < sizes.length; l++) {
      sizes[l] = layers.get(l).asInt();
    }
    List<Activation> hidden = new ArrayList<>();
    for (JsonNode layer : model.path("hidden")) {
      hidden.add(
          Activation.byName(
              layer.path("activation").asText(),
              layer.path("slope").asDouble(Activation.DEFAULT_LEAKY_SLOPE)));
    }
    return new Topology(
        sizes, hidden, OutputLoss.of(model.path("output").asText(), model.path("loss").asText()));
  }
}
