package io.sparkmlp.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkmlp.nn.Activation;
import io.sparkmlp.nn.Initializer;
import io.sparkmlp.nn.OutputLoss;
import io.sparkmlp.nn.Topology;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFilesTest {
  private static final Topology TOPOLOGY =
      new Topology(
          new int[] {3, 5, 4, 2},
          List.of(new Activation.LeakyRelu(0.2), new Activation.Sigmoid()),
          OutputLoss.of("softmax", "cross_entropy"));

  @Test
  void roundTripKeepsTopologyAndEveryBit(@TempDir Path dir) throws IOException {
    double[] parameters = Initializer.HE.initialize(TOPOLOGY, 3, 0.01);
    ModelFiles.write(dir, TOPOLOGY, parameters, ModelInput.NONE);
    SavedModel model = ModelFiles.read(dir);
    assertEquals(TOPOLOGY, model.topology());
    assertArrayEquals(parameters, model.parameters());
    assertEquals(8L * parameters.length, Files.size(dir.resolve(ModelFiles.WEIGHTS)));
  }

  @Test
  void truncatedWeightsAreRejectedNamingTheFile(@TempDir Path dir) throws IOException {
    ModelFiles.write(dir, TOPOLOGY, Initializer.HE.initialize(TOPOLOGY, 3, 0.01), ModelInput.NONE);
    Path weights = dir.resolve(ModelFiles.WEIGHTS);
    byte[] bytes = Files.readAllBytes(weights);
    Files.write(weights, Arrays.copyOf(bytes, bytes.length - 8));
    IOException error = assertThrows(IOException.class, () -> ModelFiles.read(dir));
    assertTrue(
        error.getMessage().endsWith(weights + " holds " + (bytes.length - 8) + " bytes"),
        error.getMessage());
  }

  @Test
  void nanInTheWeightsIsNamed(@TempDir Path dir) throws IOException {
    double[] parameters = Initializer.HE.initialize(TOPOLOGY, 3, 0.01);
    parameters[7] = Double.NaN;
    ModelFiles.write(dir, TOPOLOGY, parameters, ModelInput.NONE);
    IOException error = assertThrows(IOException.class, () -> ModelFiles.read(dir));
    assertEquals(dir.resolve(ModelFiles.WEIGHTS) + ": parameter 7 is NaN", error.getMessage());
  }

  @Test
  void absurdLayersAreRefusedBeforeAllocating(@TempDir Path dir) throws IOException {
    ModelFiles.write(dir, TOPOLOGY, Initializer.HE.initialize(TOPOLOGY, 3, 0.01), ModelInput.NONE);
    Path json = dir.resolve(ModelFiles.MODEL_JSON);
    Files.writeString(
        json,
        Files.readString(json)
            .replaceFirst("\"layers\" : \\[[^\\]]*\\]", "\"layers\" : [ 1000000, 1000000, 3 ]"));
    IOException error = assertThrows(IOException.class, () -> ModelFiles.read(dir));
    assertTrue(
        error.getMessage().contains("need 1000004000003 parameters (8000032000024 bytes) but "),
        error.getMessage());
  }

  @Test
  void alteredWeightsFailTheChecksum(@TempDir Path dir) throws IOException {
    ModelFiles.write(dir, TOPOLOGY, Initializer.HE.initialize(TOPOLOGY, 3, 0.01), ModelInput.NONE);
    Path weights = dir.resolve(ModelFiles.WEIGHTS);
    byte[] bytes = Files.readAllBytes(weights);
    bytes[10] ^= 1;
    Files.write(weights, bytes);
    IOException error = assertThrows(IOException.class, () -> ModelFiles.read(dir));
    assertTrue(error.getMessage().contains("sha256"), error.getMessage());
  }
}
