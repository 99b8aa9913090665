package dev.lpa.core.workspace;

import dev.lpa.core.LpaException;
import dev.lpa.core.LpaException.Kind;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;
import javax.imageio.ImageIO;

/** File types for hosted files and the small base64 preview that goes with a photo. */
final class Thumbnails {
  private Thumbnails() {}

  /**
   * JPG, PNG or GIF from the magic bytes: the upload types of LivePerson's
   * {@code GenerateURLForUploadFileBody} (JPEG is the same format as JPG).
   */
  static String fileType(Path file, byte[] b) {
    if (b.length > 3 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8) {
      return "JPG";
    }
    if (b.length > 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
      return "PNG";
    }
    if (b.length > 6 && b[0] == 'G' && b[1] == 'I' && b[2] == 'F') {
      return "GIF";
    }
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    throw new LpaException(Kind.INVALID, "unsupported file type: " + name + " (LivePerson takes JPG, PNG or GIF)");
  }

  static String mime(String type) {
    return switch (type) {
      case "JPG", "JPEG" -> "image/jpeg";
      case "PNG" -> "image/png";
      case "GIF" -> "image/gif";
      case "PDF" -> "application/pdf";
      default -> "application/octet-stream";
    };
  }

  /**
   * A {@code data:image/...;base64,} thumbnail under {@code maxBytes}: scaled down (keeping the
   * aspect ratio) until it fits. Null for what ImageIO cannot read (e.g. PDF).
   */
  static String preview(byte[] bytes, int maxBytes) {
    BufferedImage src;
    try {
      src = ImageIO.read(new ByteArrayInputStream(bytes));
    } catch (IOException e) {
      return null;
    }
    if (src == null) {
      return null;
    }
    for (int edge = 200; edge >= 16; edge = edge * 3 / 4) {
      double scale = Math.min(1.0, (double) edge / Math.max(src.getWidth(), src.getHeight()));
      int w = Math.max(1, (int) Math.round(src.getWidth() * scale));
      int h = Math.max(1, (int) Math.round(src.getHeight() * scale));
      BufferedImage dst = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
      Graphics2D g = dst.createGraphics();
      g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.drawImage(src, 0, 0, w, h, java.awt.Color.WHITE, null);
      g.dispose();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try {
        if (!ImageIO.write(dst, "jpg", out)) {
          return null;
        }
      } catch (IOException e) {
        return null;
      }
      String data = "data:image/jpeg;base64," + Base64.getEncoder().encodeToString(out.toByteArray());
      if (data.length() <= maxBytes) {
        return data;
      }
    }
    return null;
  }
}
