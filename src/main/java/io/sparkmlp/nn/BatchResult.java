package io.sparkmlp.nn;

/**
 * What a pass over a block of examples measured.
 *
 * @param lossSum the loss summed over the examples, each times its weight (no regularisation
 *     penalty)
 * @param correct examples classified correctly (always 0 for regression), whatever their weight
 * @param weightSum the examples' weights summed: what the loss sum is a weighted sum over
 */
public record BatchResult(double lossSum, long correct, double weightSum) {}
