package io.provwatch.app;

import io.provwatch.c2pa.C2paReport;
import io.provwatch.c2pa.C2paReport.ManifestSummary;
import io.provwatch.c2pa.C2paReport.ValidationResults;
import io.provwatch.c2pa.C2paReport.ValidationStatus;
import io.provwatch.c2pa.C2paVerifier;
import io.provwatch.c2pa.TrustSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Content Credentials (C2PA) tools. */
@Command(name = "c2pa", mixinStandardHelpOptions = true, description = "Content Credentials (C2PA) tools.",
    subcommands = {C2paCommand.Verify.class})
final class C2paCommand {
  /** Exit codes besides 0 (valid or trusted), 1 (error reading the file) and 2 (bad options). */
  static final int EXIT_INVALID = 4;
  static final int EXIT_NO_CREDENTIALS = 5;

  @Command(name = "verify", mixinStandardHelpOptions = true, sortOptions = false,
      description = {"Verify the Content Credentials of FILE (JPEG, PNG, or a .c2pa manifest store): claim signature,",
          "certificate validity at signing time, trust, hashed assertions, the data hash over the file, ingredients.",
          "A manifest store beside the file (same name, .c2pa) is used when the file embeds none.",
          "A remote manifest named in XMP is reported, not fetched."},
      exitCodeListHeading = "Exit codes:%n",
      exitCodeList = {"0:valid (or trusted with --trust)", "1:the file could not be read",
          "2:bad option (e.g. --trust is not a PEM bundle)", "4:invalid: signature, hash or structure broken",
          "5:no Content Credentials"})
  static final class Verify implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE") Path file;
    @Option(names = "--json", description = "Print the report as JSON.") boolean json;
    @Option(names = "--trust", paramLabel = "PEM", description = "Trust anchors for signing certificates (PEM bundle); without it no signer is trusted.")
    Path trust;
    @Option(names = "--tsa-trust", paramLabel = "PEM", description = "Trust anchors for time-stamp authorities (PEM bundle).")
    Path tsaTrust;
    @Option(names = "--manifest", paramLabel = "C2PA", description = "Verify FILE against this manifest store (a sidecar or a downloaded remote manifest).")
    Path manifest;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws IOException {
      TrustSettings settings = TrustSettings.none().withSignerAnchors(anchors(trust, "--trust")).withTimeStampAnchors(anchors(tsaTrust, "--tsa-trust"));
      byte[] asset = read(file);
      byte[] store = manifest != null ? read(manifest) : null;
      C2paVerifier verifier = new C2paVerifier(settings);
      C2paReport report = verifier.verify(asset, file.getFileName().toString(), store);
      Path sidecar = sidecar(file);
      if (store == null && !report.verdict().hasCredentials() && Files.isRegularFile(sidecar)) {
        report = verifier.verify(asset, file.getFileName().toString(), read(sidecar));
      }
      PrintWriter out = spec.commandLine().getOut();
      out.println(json ? report.toJson() : text(file.getFileName().toString(), report));
      out.flush();
      return switch (report.verdict()) {
        case VALID, TRUSTED -> 0;
        case INVALID -> EXIT_INVALID;
        case NO_CREDENTIALS -> EXIT_NO_CREDENTIALS;
      };
    }

    private List<X509Certificate> anchors(Path pem, String option) {
      if (pem == null) {
        return List.of();
      }
      try {
        return TrustSettings.readPem(pem);
      } catch (NoSuchFileException e) {
        throw new ParameterException(spec.commandLine(), option + ": no such file: " + pem);
      } catch (IOException e) {
        throw new ParameterException(spec.commandLine(), option + ": " + e.getMessage());
      }
    }

    private static byte[] read(Path path) throws IOException {
      try {
        return Files.readAllBytes(path);
      } catch (NoSuchFileException e) {
        throw new IllegalArgumentException("no such file: " + path);
      }
    }

    private static Path sidecar(Path file) {
      String name = file.getFileName().toString();
      int dot = name.lastIndexOf('.');
      return file.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".c2pa");
    }
  }

  /** A readable report, in the spirit of c2patool's: what the manifest says, then every status code. */
  static String text(String name, C2paReport report) {
    List<String> lines = new ArrayList<>();
    lines.add(name + ": " + switch (report.verdict()) {
      case TRUSTED -> "Content Credentials valid, signer trusted";
      case VALID -> "Content Credentials valid (signer not on the trust list)";
      case INVALID -> "Content Credentials INVALID";
      case NO_CREDENTIALS -> "no Content Credentials";
    } + " [" + report.mediaType() + "]");
    if (report.remoteManifestUrl() != null) {
      lines.add("  Remote manifest (not fetched): " + report.remoteManifestUrl());
    }
    ManifestSummary active = report.active();
    if (active != null) {
      lines.add("Active manifest " + active.label());
      describe(active, lines);
      lines.add("  Validation:");
      statuses(report.validationResults(), "    ", lines);
      report.ingredientDeltas().forEach(delta -> {
        lines.add("  Ingredient " + lastSegment(delta.ingredientAssertionUri()) + ":");
        statuses(delta.validationDeltas(), "    ", lines);
      });
      for (ManifestSummary other : report.manifests()) {
        if (other != active) {
          lines.add("Ingredient manifest " + other.label());
          describe(other, lines);
          lines.add("  Validation (signature and assertions; its data hash binds an asset not in this file):");
          statuses(other.validationResults(), "    ", lines);
        }
      }
    } else if (!report.validationResults().codes().isEmpty()) {
      statuses(report.validationResults(), "  ", lines);
    }
    report.notes().forEach(note -> lines.add("Note: " + note));
    return String.join(System.lineSeparator(), lines);
  }

  private static void describe(ManifestSummary m, List<String> lines) {
    field(lines, "Title", m.title());
    field(lines, "Format", m.format());
    field(lines, "Claim generator", m.claimGenerator());
    if (m.signer() != null) {
      C2paReport.Signer s = m.signer();
      String who = s.commonName() == null ? "(no common name)" : s.commonName();
      if (s.organization() != null) {
        who += ", " + s.organization();
      }
      field(lines, "Signed by", who + " (issuer " + s.issuer() + "), " + s.algorithm());
      field(lines, "Signed at", s.time() == null ? null : s.time() + " (time-stamp: " + s.timeSource() + ")");
    }
    if (!m.actions().isEmpty()) {
      field(lines, "Actions", String.join(", ", m.actions().stream().map(C2paReport.Action::action).toList()));
    }
    if (!m.digitalSourceTypes().isEmpty()) {
      field(lines, "Source type", String.join(", ", m.digitalSourceTypes().stream().map(C2paCommand::lastSegment).toList())
          + (m.aiGenerated() ? "  => declared AI-generated" : ""));
    }
    for (C2paReport.Ingredient i : m.ingredients()) {
      field(lines, "Ingredient", (i.title() == null ? "(untitled)" : i.title()) + " (" + i.relationship() + ", "
          + (i.manifest() == null ? "no credentials" : "manifest " + i.manifest()) + ")");
    }
  }

  private static void field(List<String> lines, String label, String value) {
    if (value != null) {
      lines.add(String.format("  %-16s %s", label + ":", value));
    }
  }

  private static void statuses(ValidationResults results, String indent, List<String> lines) {
    results.success().forEach(s -> lines.add(status(indent + "ok   ", s)));
    results.informational().forEach(s -> lines.add(status(indent + "info ", s)));
    results.failure().forEach(s -> lines.add(status(indent + "FAIL ", s)));
  }

  private static String status(String prefix, ValidationStatus s) {
    return String.format("%s%-32s %s: %s", prefix, s.code(), lastSegment(s.url()), s.explanation());
  }

  private static String lastSegment(String uri) {
    return uri == null ? "" : uri.substring(uri.lastIndexOf('/') + 1);
  }
}
