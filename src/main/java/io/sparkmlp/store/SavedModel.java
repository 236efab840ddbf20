package io.sparkmlp.store;

import io.sparkmlp.nn.Topology;

/** A network read back from disk: what it is and its flat parameters. */
public record SavedModel(Topology topology, double[] parameters) {}
