package io.sparkmlp.nn;

/**
 * What a pass over a block of examples measured.
 *
 * @param lossSum the loss summed over the examples (no regularisation penalty)
 * @param correct examples classified correctly (always 0 for regression)
 */
public record BatchResult(double lossSum, long correct) {}
