package io.sparkmlp.nn;

/**
 * What a network's output means: a class (classification), real values (regression), or one yes/no
 * per label, any number of them at once (multi-label).
 */
public enum Task {
  CLASSIFICATION,
  REGRESSION,
  MULTI_LABEL;

  /** True when the metric is an accuracy: of the class, or of each label's yes/no. */
  public boolean countsCorrect() {
    return this != REGRESSION;
  }

  /** Lower-case name as written in summaries and conf files. */
  public String label() {
    return Names.label(this);
  }
}
