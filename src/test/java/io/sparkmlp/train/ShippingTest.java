package io.sparkmlp.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.sparkmlp.nn.BatchResult;
import io.sparkmlp.nn.Kernels;
import java.util.SplittableRandom;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.JavaSerializer;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.Serializer;
import org.apache.spark.serializer.SerializerInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import scala.reflect.ClassTag$;

/**
 * What a step ships, its parameters and its partial sums, arrives bit for bit through Java
 * serialization (which writes their arrays in bulk) and through Kryo (which a user may configure as
 * Spark's serializer, and which ignores Externalizable), in both precisions, and across the bulk
 * writer's chunks.
 */
class ShippingTest {
  private static SerializerInstance serializer(String name) {
    SparkConf conf = new SparkConf();
    Serializer serializer =
        name.equals("kryo") ? new KryoSerializer(conf) : new JavaSerializer(conf);
    return serializer.newInstance();
  }

  @SuppressWarnings("unchecked")
  private static <T> T roundTrip(SerializerInstance serializer, T value) {
    return (T)
        serializer.deserialize(
            serializer.serialize(value, ClassTag$.MODULE$.Any()), ClassTag$.MODULE$.Any());
  }

  @ParameterizedTest
  @ValueSource(strings = {"java", "kryo"})
  void parametersArriveBitForBit(String name) {
    SplittableRandom random = new SplittableRandom(5);
    double[] wide = random.doubles(200_001, -1, 1).toArray();
    wide[7] = Double.MIN_VALUE;
    wide[8] = -0.0;
    float[] narrow = Kernels.FLOAT32.fromDouble(wide);
    SerializerInstance serializer = serializer(name);

    assertArrayEquals(
        wide, roundTrip(serializer, new ShippedArray<>(Kernels.FLOAT64, wide)).array());
    assertArrayEquals(
        narrow, roundTrip(serializer, new ShippedArray<>(Kernels.FLOAT32, narrow)).array());
    assertEquals(
        0, roundTrip(serializer, new ShippedArray<>(Kernels.FLOAT32, new float[0])).array().length);
  }

  @ParameterizedTest
  @ValueSource(strings = {"java", "kryo"})
  void partialSumsArriveBitForBit(String name) {
    Partial<float[]> partial = new Partial<>(Kernels.FLOAT32, 70_000);
    SplittableRandom random = new SplittableRandom(6);
    for (int i = 0; i < partial.gradient.length; i++) {
      partial.gradient[i] = (float) random.nextDouble(-1, 1);
    }
    partial.add(new BatchResult(1.25, 3, 4.5), 5);
    SerializerInstance serializer = serializer(name);

    Partial<float[]> arrived = roundTrip(serializer, partial);
    assertArrayEquals(partial.gradient, arrived.gradient);
    assertEquals(1.25, arrived.lossSum());
    assertEquals(4.5, arrived.weightSum());
    assertEquals(5, arrived.count());
    assertEquals(3, arrived.correct());
    double[] mean = new double[partial.gradient.length];
    arrived.meanGradient(mean);
    assertEquals(partial.gradient[9] / 4.5, mean[9], 1e-7);

    assertNull(roundTrip(serializer, new Partial<float[]>()).gradient, "a forward pass's sums");
  }
}
