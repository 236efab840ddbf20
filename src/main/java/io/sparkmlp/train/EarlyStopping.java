package io.sparkmlp.train;

import io.sparkmlp.settings.Settings;
import java.io.Serializable;

/**
 * Stop when the validation loss has not improved for {@code patience} epochs, and keep the weights
 * of the best epoch (Keras' EarlyStopping with restore_best_weights). An epoch improves on the best
 * so far when its loss is lower by more than {@code minDelta}.
 *
 * @param patience epochs without improvement before stopping; 0 turns early stopping off
 * @param minDelta smallest decrease of the validation loss that counts as an improvement
 */
public record EarlyStopping(int patience, double minDelta) implements Serializable {
  public static final EarlyStopping OFF = new EarlyStopping(0, 0);

  public EarlyStopping {
    Settings.EARLY_STOPPING_PATIENCE.require(patience);
    Settings.EARLY_STOPPING_MIN_DELTA.require(minDelta);
  }

  public boolean enabled() {
    return patience > 0;
  }
}
