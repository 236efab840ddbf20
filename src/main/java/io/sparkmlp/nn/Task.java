package io.sparkmlp.nn;

/** What a network's output means: a class (classification) or real values (regression). */
public enum Task {
  CLASSIFICATION,
  REGRESSION;

  /** Lower-case name as written in summaries and conf files. */
  public String label() {
    return Names.label(this);
  }
}
