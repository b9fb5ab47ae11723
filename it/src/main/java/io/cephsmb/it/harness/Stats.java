package io.cephsmb.it.harness;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Median and spread of a few samples (NaN samples, i.e. failed runs, are left out). */
public record Stats(int n, double median, double min, double max) {

  /** The statistics of the samples; all NaN when there is no valid sample. */
  public static Stats of(List<Double> samples) {
    List<Double> v = new ArrayList<>();
    for (Double d : samples) {
      if (d != null && !d.isNaN()) {
        v.add(d);
      }
    }
    if (v.isEmpty()) {
      return new Stats(0, Double.NaN, Double.NaN, Double.NaN);
    }
    Collections.sort(v);
    int n = v.size();
    double median = n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
    return new Stats(n, median, v.get(0), v.get(n - 1));
  }
}
