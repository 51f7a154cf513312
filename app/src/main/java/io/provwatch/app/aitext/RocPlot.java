package io.provwatch.app.aitext;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/** ROC curves as a PNG, drawn headless: per dataset on the left, leave-one-generator-out on the right. */
public final class RocPlot {
  private static final int PANEL = 560;
  private static final int MARGIN = 60;
  private static final Color[] COLOURS = {
      new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728), new Color(0x9467bd),
      new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf),
      new Color(0x000000), new Color(0x393b79)};

  private RocPlot() {}

  public static void write(Evaluation.Report report, Path file) throws IOException {
    System.setProperty("java.awt.headless", "true");
    boolean twoPanels = !report.leaveOneOutCurves().isEmpty();
    int width = (twoPanels ? 2 : 1) * (PANEL + 2 * MARGIN);
    int height = PANEL + 2 * MARGIN;
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, width, height);
      panel(g, 0, "ROC per dataset (test split), " + report.model(), report.datasetCurves());
      if (twoPanels) {
        panel(g, PANEL + 2 * MARGIN, "leave one generator out (unseen generator vs human)", report.leaveOneOutCurves());
      }
    } finally {
      g.dispose();
    }
    if (!ImageIO.write(image, "png", file.toFile())) {
      throw new IOException("no PNG writer available");
    }
  }

  private static void panel(Graphics2D g, int x0, String title, List<Evaluation.Curve> curves) {
    int left = x0 + MARGIN;
    int top = MARGIN;
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
    g.drawString(title, left, top - 20);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    g.setStroke(new BasicStroke(1f));
    g.drawRect(left, top, PANEL, PANEL);
    for (int i = 0; i <= 10; i += 2) {
      int px = left + PANEL * i / 10;
      int py = top + PANEL - PANEL * i / 10;
      g.drawLine(px, top + PANEL, px, top + PANEL + 4);
      g.drawString(String.format(Locale.ROOT, "%.1f", i / 10.0), px - 8, top + PANEL + 18);
      g.drawLine(left - 4, py, left, py);
      g.drawString(String.format(Locale.ROOT, "%.1f", i / 10.0), left - 28, py + 4);
    }
    g.drawString("false positive rate (human texts flagged)", left + PANEL / 2 - 110, top + PANEL + 38);
    g.rotate(-Math.PI / 2);
    g.drawString("true positive rate (machine texts caught)", -(top + PANEL / 2 + 110), left - 40);
    g.rotate(Math.PI / 2);
    g.setColor(Color.LIGHT_GRAY);
    g.setStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {4f, 4f}, 0f));
    g.drawLine(left, top + PANEL, left + PANEL, top);
    int fpr5 = left + PANEL * 5 / 100;
    g.drawLine(fpr5, top, fpr5, top + PANEL);
    g.drawString("5% FPR", fpr5 + 3, top + 12);
    g.setStroke(new BasicStroke(2f));
    for (int c = 0; c < curves.size(); c++) {
      Evaluation.Curve curve = curves.get(c);
      g.setColor(COLOURS[c % COLOURS.length]);
      Path2D path = new Path2D.Double();
      boolean first = true;
      for (double[] p : curve.points()) {
        double px = left + p[0] * PANEL;
        double py = top + PANEL - p[1] * PANEL;
        if (first) {
          path.moveTo(px, py);
          first = false;
        } else {
          path.lineTo(px, py);
        }
      }
      g.draw(path);
      int ly = top + PANEL - 16 * (curves.size() - c) - 6;
      g.fillRect(left + PANEL - 200, ly - 8, 12, 8);
      g.setColor(Color.BLACK);
      g.drawString(curve.name(), left + PANEL - 182, ly);
    }
  }
}
