package io.provwatch.c2pa;

import io.provwatch.c2pa.C2paReport.ValidationResults;
import io.provwatch.c2pa.C2paReport.ValidationStatus;
import java.util.ArrayList;
import java.util.List;

/** Collects status codes into the specification's three lists while one manifest is validated. */
final class StatusLog {
  private final List<ValidationStatus> success = new ArrayList<>();
  private final List<ValidationStatus> informational = new ArrayList<>();
  private final List<ValidationStatus> failure = new ArrayList<>();

  void success(String code, String url, String explanation) {
    success.add(new ValidationStatus(code, url, explanation));
  }

  void informational(String code, String url, String explanation) {
    informational.add(new ValidationStatus(code, url, explanation));
  }

  void failure(String code, String url, String explanation) {
    failure.add(new ValidationStatus(code, url, explanation));
  }

  boolean hasFailure(String code) {
    return failure.stream().anyMatch(s -> s.code().equals(code));
  }

  /** True when a failure makes the manifest invalid (an untrusted signer alone does not). */
  boolean invalid() {
    return failure.stream().anyMatch(s -> ValidationCodes.invalidates(s.code()));
  }

  ValidationResults results() {
    return new ValidationResults(List.copyOf(success), List.copyOf(informational), List.copyOf(failure));
  }
}
