package dev.lpa.core.workspace;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lpa.core.LpaException;
import dev.lpa.core.LpaException.Kind;
import dev.lpa.core.internal.Json;
import dev.lpa.core.model.Conversation;
import dev.lpa.core.model.Message;
import dev.lpa.core.rest.RestClient;
import dev.lpa.core.ums.UmsClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Files in and out of a conversation: a photo or document sent (read and its preview decoded on
 * the file threads, never the caller's; an upload URL asked on the socket, the bytes put over
 * REST, then the hosted-file event through the outbox like any message) and a file downloaded
 * (a download URL asked on the socket, written through a temporary file).
 */
final class FileTransfer {
  static final long MAX_FILE_BYTES = 5L * 1024 * 1024;
  static final int PREVIEW_MAX_BYTES = 30 * 1024;

  /** How a ready event reaches the conversation: the workspace's outbox (exactly once). */
  interface Sender {
    CompletableFuture<Message> send(Conversation c, String kind, ObjectNode event);
  }

  private final UmsClient ums;
  private final RestClient rest;
  private final Executor files;
  private final Sender sender;

  FileTransfer(UmsClient ums, RestClient rest, Executor files, Sender sender) {
    this.ums = ums;
    this.rest = rest;
    this.files = files;
    this.sender = sender;
  }

  CompletableFuture<Message> send(Conversation c, Path file, String caption) {
    return CompletableFuture.supplyAsync(() -> readForUpload(file), files).thenCompose(up -> upload(c, up, caption));
  }

  CompletableFuture<Path> download(String relativePath, Path target) {
    return ums.request(".ams.ms.GenerateURLForDownloadFile", Requests.generateUrlForDownloadFile(relativePath))
        .thenCompose(rest::fileUrl).thenCompose(rest::download).thenApplyAsync(bytes -> write(bytes, target), files);
  }

  private record Upload(byte[] bytes, String type, String preview) {}

  private static Upload readForUpload(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new LpaException(Kind.INVALID, "cannot read " + file + ": " + e.getMessage(), e);
    }
    if (bytes.length == 0 || bytes.length > MAX_FILE_BYTES) {
      throw new LpaException(Kind.INVALID, "a file must have 1 byte to 5 MB, " + file + " has " + bytes.length);
    }
    String type = Thumbnails.fileType(file, bytes);
    return new Upload(bytes, type, Thumbnails.preview(bytes, PREVIEW_MAX_BYTES));
  }

  private CompletableFuture<Message> upload(Conversation c, Upload up, String caption) {
    ObjectNode req = Requests.generateUrlForUploadFile(up.bytes().length, up.type());
    return ums.request(".ams.ms.GenerateURLForUploadFile", req).thenCompose(ans -> rest.fileUrl(ans)
        .thenCompose(url -> rest.upload(url, up.bytes(), Thumbnails.mime(up.type())))
        .thenCompose(v -> sender.send(c, "file",
            Requests.hostedFile(caption, Json.text(ans, "relativePath"), up.type(), up.preview()))));
  }

  private static Path write(byte[] bytes, Path target) {
    try {
      Path parent = target.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Path tmp = Files.createTempFile(parent, ".lpa-download", ".part");
      Files.write(tmp, bytes);
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      return target;
    } catch (IOException e) {
      throw new LpaException(Kind.ERROR, "cannot write " + target + ": " + e.getMessage(), e);
    }
  }
}
