package io.sparkmlp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkmlp.data.SyntheticData;
import io.sparkmlp.settings.ConfException;
import io.sparkmlp.settings.JobFile;
import io.sparkmlp.settings.Settings;
import io.sparkmlp.source.DataSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Jobs are read from files and overrides, and bad ones are refused with a message naming them. */
class JobConfigTest {
  @Test
  void embeddedDefaultJobIsTheToyProblem() {
    JobConfig job = JobConfig.from(JobFile.embedded(TrainMain.DEFAULT_JOB));
    assertEquals(new DataSpec.Generated(SyntheticData.XOR, 2000, 1000, 1), job.data().spec());
    assertEquals("tanh", job.training().topology().activation(0).name());
  }

  @Test
  void keyValueArgumentsAloneStartFromTheDocumentedDefaultsAndNoArgumentsRunTheDemo()
      throws Exception {
    TrainMain overrides = new TrainMain();
    new picocli.CommandLine(overrides).parseArgs("train.epochs=3");
    JobConfig job = JobConfig.from(overrides.settings());
    for (io.sparkmlp.settings.Setting<?> setting : Settings.ALL) {
      if (setting.hasKey() && setting != Settings.EPOCHS) {
        assertEquals(setting.defaultText(), printed(job.settings(), setting), setting.key());
      }
    }
    assertEquals(Path.of("target", "runs", "xor"), job.outputDir());

    TrainMain none = new TrainMain();
    new picocli.CommandLine(none).parseArgs();
    assertEquals(0.5, JobConfig.from(none.settings()).training().get(Settings.LEARNING_RATE));
  }

  private static <T> String printed(JobFile settings, io.sparkmlp.settings.Setting<T> setting) {
    return setting.type().print(settings.get(setting));
  }

  @Test
  void theOutputDirectoryIsNamedAfterTheJobFileOrTheData(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("letters.properties"), "train.epochs = 3\n");
    assertEquals(
        Path.of("target", "runs", "letters"), JobConfig.from(JobFile.read(file)).outputDir());
    JobFile csv = JobFile.defaults().override(List.of("data.source=csv", "data.path=in/rows.csv"));
    assertEquals(Path.of("target", "runs", "rows"), JobConfig.from(csv).outputDir());
  }

  @Test
  void aTestSetIsGivenOneWayOnly() {
    JobFile both =
        JobFile.defaults()
            .override(
                List.of(
                    "data.source=csv",
                    "data.path=a.csv",
                    "data.test_path=t.csv",
                    "data.test_fraction=0.2"));
    assertEquals(
        "data.test_fraction = 0.2 (command line): give a test fraction or data.test_path, not both",
        assertThrows(ConfException.class, () -> JobConfig.from(both)).getMessage());
  }

  @Test
  void relativeDataPathsAreResolvedOnTheDriver() {
    JobFile csv =
        JobFile.defaults()
            .override(
                List.of(
                    "data.source=csv",
                    "data.path=in/../data/rows.csv",
                    "data.test_path=test.csv",
                    "data.validation_path=hdfs://namenode/v.csv"));
    io.sparkmlp.source.FileData file =
        (io.sparkmlp.source.FileData) JobConfig.from(csv).data().spec();
    Path here = Path.of("").toAbsolutePath();
    assertEquals(here.resolve("data/rows.csv").toString(), file.path());
    assertEquals(here.resolve("test.csv").toString(), file.testPath());
    assertEquals("hdfs://namenode/v.csv", file.validationPath());
  }

  @Test
  void overridesWinOverTheJobFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("job.properties");
    Files.writeString(file, "train.epochs = 3\ntrain.learning_rate = 0.2\n");
    JobConfig job = JobConfig.from(JobFile.read(file).override(List.of("train.epochs=7")));
    assertEquals(7, job.training().get(Settings.EPOCHS));
    assertEquals(0.2, job.training().get(Settings.LEARNING_RATE));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "train.learning_rate=-0.1 | train.learning_rate = -0.1 (command line): must be > 0",
        "train.learning_rate=fast | train.learning_rate = fast (command line): is not a number",
        "train.batch_size=0       | train.batch_size = 0 (command line): must be >= 1",
        "train.lr=0.1             | unknown key 'train.lr' in command line",
        "model.activation=swish   | unknown activation 'swish' (valid: sigmoid, tanh, relu, leaky_relu, abs, identity)",
        "model.loss=squared_error | output 'sigmoid' with loss 'squared_error' is not a valid pair",
        "model.layers=2           | a network needs at least 2 layers",
        "model.dropout=0.5,0.2    | model.dropout = 0.5,0.2 (command line): give one rate for all hidden layers or one per hidden layer (1), got 2",
        "model.dropout=1          | model.dropout = 1 (command line): each rate must be in [0, 1), got 1.0",
        "model.layers=2,0,1       | layer 1 has size 0, must be >= 1",
        "model.layers=3,8,1       | the input layer has 3 units but data source xor has 2 features",
        "data.source=imagenet     | data.source = imagenet (command line): unknown data source 'imagenet' (valid: xor, rings, sine, mnist, libsvm, csv, parquet)",
        "data.source=mnist        | data.path =  (default): data.source = mnist needs the directory",
        "data.scale=log           | unknown feature scaling 'log' (valid: none, unit)",
        "train.momentum=1         | train.momentum = 1 (command line): must be in [0, 1)",
        "model.init=zeros         | unknown initializer 'zeros'",
        "epochs                   | override 'epochs' is not of the form key=value",
        "train.optimizer=rmsprop  | unknown optimizer 'rmsprop' (valid: sgd, nesterov, adam, lamb, lars)",
        "train.beta2=1            | train.beta2 = 1 (command line): must be in [0, 1)",
        "train.schedule=linear    | unknown learning-rate schedule 'linear' (valid: constant, step, cosine)",
        "train.decay_factor=2     | train.decay_factor = 2 (command line): must be in (0, 1]",
        "train.warmup_epochs=-1   | train.warmup_epochs = -1 (command line): must be >= 0",
        "data.validation_fraction=1 | data.validation_fraction = 1 (command line): must be in [0, 1)",
        "data.validation_path=v.csv | only the file sources (libsvm, csv, parquet) read a validation file",
        "train.early_stopping_min_delta=-1 | train.early_stopping_min_delta = -1 (command line): must be >= 0",
        "report.plots=yes         | report.plots = yes (command line): must be true or false",
      })
  void badValueIsNamed(String override, String expectedMessagePart) {
    ConfException error =
        assertThrows(
            ConfException.class,
            () ->
                JobConfig.from(
                    JobFile.embedded(TrainMain.DEFAULT_JOB).override(List.of(override))));
    assertTrue(
        error.getMessage().contains(expectedMessagePart),
        () -> "message '" + error.getMessage() + "' should contain '" + expectedMessagePart + "'");
  }

  @Test
  void earlyStoppingWithoutAValidationSetIsRefused() {
    ConfException error =
        assertThrows(
            ConfException.class,
            () ->
                JobConfig.from(
                    JobFile.embedded(TrainMain.DEFAULT_JOB)
                        .override(
                            List.of(
                                "data.validation_fraction=0", "train.early_stopping_patience=3"))));
    assertTrue(
        error
            .getMessage()
            .contains("early stopping watches the validation loss: set data.validation_fraction"),
        error.getMessage());
  }

  @Test
  void regressionSourceRefusesAClassifier() {
    ConfException error =
        assertThrows(
            ConfException.class,
            () ->
                JobConfig.from(
                    JobFile.embedded(TrainMain.DEFAULT_JOB)
                        .override(List.of("data.source=sine", "model.layers=1,8,1"))));
    assertTrue(error.getMessage().contains("sine is a regression problem"), error.getMessage());
  }

  @Test
  void missingJobFileIsNamed(@TempDir Path dir) {
    Path missing = dir.resolve("nope.properties");
    ConfException error = assertThrows(ConfException.class, () -> JobFile.read(missing));
    assertEquals("job file " + missing + " does not exist", error.getMessage());
  }
}
