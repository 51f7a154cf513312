package io.provwatch.c2pa;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What the verifier found in one asset. {@code validationResults} and {@code ingredientDeltas} carry the status codes
 * named as the C2PA specification names them, with the same shape as the reference implementation's report;
 * {@code manifests} holds what a moderator reads (signer, generator, actions, declared AI generation, ingredients).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record C2paReport(
    Verdict verdict,
    String mediaType,
    String activeManifest,
    ValidationResults validationResults,
    List<IngredientDelta> ingredientDeltas,
    List<ManifestSummary> manifests,
    String remoteManifestUrl,
    List<String> notes) {

  private static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

  /** The overall verdict; only the first three mean the asset carries Content Credentials. */
  public enum Verdict {
    /** A failure code in the active manifest or an ingredient delta: signature, hash or structure is broken. */
    INVALID,
    /** Well formed, signature and hashes match; the signer's certificate does not chain to a configured anchor. */
    VALID,
    /** Valid, and the signer's certificate chains to a configured trust anchor. */
    TRUSTED,
    /** No manifest store in the asset; {@link #remoteManifestUrl} may name one elsewhere (not fetched). */
    NO_CREDENTIALS;

    public boolean hasCredentials() {
      return this != NO_CREDENTIALS;
    }
  }

  /** One validation status: a spec code, the JUMBF URI it is about, and a human explanation. */
  public record ValidationStatus(String code, String url, String explanation) {}

  /** Status codes in the three lists the specification defines. */
  public record ValidationResults(List<ValidationStatus> success, List<ValidationStatus> informational,
      List<ValidationStatus> failure) {

    public static ValidationResults empty() {
      return new ValidationResults(List.of(), List.of(), List.of());
    }

    /** Every code, success then informational then failure. */
    public List<String> codes() {
      return Stream.of(success, informational, failure).flatMap(List::stream).map(ValidationStatus::code).toList();
    }

    public boolean hasFailure(String code) {
      return failure.stream().anyMatch(s -> s.code().equals(code));
    }

    public boolean hasSuccess(String code) {
      return success.stream().anyMatch(s -> s.code().equals(code));
    }
  }

  /** The status of one ingredient of the active manifest, as it differs from what its assertion recorded. */
  public record IngredientDelta(String ingredientAssertionUri, ValidationResults validationDeltas) {}

  /** Who signed: from the first certificate of the x5chain; {@code time} (ISO-8601) from the time-stamp when there is one. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Signer(String commonName, String organization, String issuer, String serialNumber, String algorithm,
      String time, String timeSource) {}

  /** One action of a {@code c2pa.actions} assertion. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Action(String action, String digitalSourceType, String softwareAgent, String when) {}

  /** One ingredient assertion. {@code manifest} is the ingredient's manifest label when it had credentials. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Ingredient(String assertionLabel, String title, String format, String relationship, String manifest) {}

  /**
   * One manifest of the store: the active one first, then those its ingredients reference. {@code aiGenerated} is
   * true when an action declares the digital source type {@code trainedAlgorithmicMedia} (or the composite form).
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ManifestSummary(
      String label,
      int claimVersion,
      String title,
      String format,
      String instanceId,
      String claimGenerator,
      Signer signer,
      List<Action> actions,
      List<String> digitalSourceTypes,
      boolean aiGenerated,
      List<Ingredient> ingredients,
      List<String> assertions,
      ValidationResults validationResults) {}

  /** The report for an asset with no manifest store. */
  static C2paReport noCredentials(String mediaType, String remoteUrl, List<String> notes) {
    return new C2paReport(Verdict.NO_CREDENTIALS, mediaType, null, ValidationResults.empty(), List.of(), List.of(),
        remoteUrl, List.copyOf(notes));
  }

  /** The active manifest, when there is one. */
  public ManifestSummary active() {
    return manifests.stream().filter(m -> m.label().equals(activeManifest)).findFirst().orElse(null);
  }

  /** Every failure code of the active manifest and of its ingredient deltas. */
  public List<String> failureCodes() {
    List<String> codes = new ArrayList<>(validationResults.failure().stream().map(ValidationStatus::code).toList());
    ingredientDeltas.forEach(d -> d.validationDeltas().failure().forEach(s -> codes.add(s.code())));
    return codes;
  }

  public String toJson() {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("report not serialisable", e); // records of strings and lists: cannot happen
    }
  }
}
