package dev.lpa.tui.render;

import com.googlecode.lanterna.TextColor;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;

/**
 * A photo preview in text cells: each cell is an upper half block whose foreground is the upper
 * pixel and background the lower one, so a cell carries two pixel rows.
 */
public final class HalfBlocks {
  public static final char UPPER_HALF = '▀';
  private static final String SHADES = " ░▒▓█";

  private HalfBlocks() {}

  /** One cell: a character and, in colour mode, the two pixel colours. */
  public record Cell(char ch, TextColor fg, TextColor bg) {}

  /** Decodes a thumbnail (JPEG, PNG, GIF); null when the bytes are not an image Java can read. */
  public static BufferedImage decode(byte[] bytes) {
    if (bytes == null || bytes.length == 0) {
      return null;
    }
    try {
      return ImageIO.read(new ByteArrayInputStream(bytes));
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /**
   * Scales the image into at most {@code maxCols} x {@code maxRows} cells keeping its aspect
   * (a cell is about twice as tall as wide, and holds two pixel rows, so pixels stay square).
   * Monochrome output uses shade characters by luminance instead of colours.
   */
  public static Cell[][] render(BufferedImage img, int maxCols, int maxRows, boolean colour) {
    int w = img.getWidth();
    int h = img.getHeight();
    double scale = Math.min((double) maxCols / w, (double) (maxRows * 2) / h);
    int cols = Math.max(1, (int) Math.round(w * scale));
    int pixRows = Math.max(2, (int) Math.round(h * scale));
    int rows = (pixRows + 1) / 2;
    cols = Math.min(cols, maxCols);
    rows = Math.min(rows, maxRows);
    Cell[][] out = new Cell[rows][cols];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        int top = sample(img, c, r * 2, cols, rows * 2);
        int bottom = sample(img, c, r * 2 + 1, cols, rows * 2);
        if (colour) {
          out[r][c] = new Cell(UPPER_HALF, rgb(top), rgb(bottom));
        } else {
          int lum = (luminance(top) + luminance(bottom)) / 2;
          out[r][c] = new Cell(SHADES.charAt(Math.min(4, lum * 5 / 256)), null, null);
        }
      }
    }
    return out;
  }

  private static int sample(BufferedImage img, int x, int y, int cols, int pixRows) {
    int sx = Math.min(img.getWidth() - 1, (int) ((x + 0.5) * img.getWidth() / cols));
    int sy = Math.min(img.getHeight() - 1, (int) ((y + 0.5) * img.getHeight() / pixRows));
    return img.getRGB(sx, sy);
  }

  private static TextColor rgb(int argb) {
    return new TextColor.RGB((argb >> 16) & 0xff, (argb >> 8) & 0xff, argb & 0xff);
  }

  private static int luminance(int argb) {
    int r = (argb >> 16) & 0xff;
    int g = (argb >> 8) & 0xff;
    int b = argb & 0xff;
    return (299 * r + 587 * g + 114 * b) / 1000;
  }
}
