package io.sparkmlp.store;

import io.sparkmlp.nn.Topology;
import java.util.List;

/**
 * A network read back from disk: what it is, its flat parameters, and the names of its classes in
 * index order (empty when they are the indices themselves, or for regression).
 */
public record SavedModel(Topology topology, double[] parameters, List<String> labels) {}
