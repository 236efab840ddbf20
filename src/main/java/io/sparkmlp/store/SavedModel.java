package io.sparkmlp.store;

import io.sparkmlp.nn.Topology;

/** A network read back from disk: what it is, its flat parameters, and how its rows are read. */
public record SavedModel(Topology topology, double[] parameters, ModelInput input) {}
