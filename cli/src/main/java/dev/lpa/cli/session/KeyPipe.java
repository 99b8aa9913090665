package dev.lpa.cli.session;

import java.io.InputStream;
import java.io.InterruptedIOException;

/**
 * The attached client's keystrokes, from the socket's reader thread to the console's terminal.
 * Not a PipedInputStream: Lanterna polls {@code available()} before it reads, and a closed pipe
 * answers 0 there, so the console would never see the end of input when the client goes away.
 * Here a closed, drained pipe reports one byte available and then reads -1 (end of input: the
 * console quits and the session carries on).
 */
final class KeyPipe extends InputStream {
  private final byte[] buf = new byte[64 * 1024];
  private int head;
  private int count;
  private boolean closed;

  /** Appends keys; what does not fit is dropped rather than blocking the socket reader. */
  synchronized void feed(byte[] b) {
    for (int i = 0; i < b.length && count < buf.length; i++) {
      buf[(head + count) % buf.length] = b[i];
      count++;
    }
    notifyAll();
  }

  synchronized void end() {
    closed = true;
    notifyAll();
  }

  @Override
  public synchronized int available() {
    return count > 0 ? count : closed ? 1 : 0;
  }

  @Override
  public synchronized int read() throws InterruptedIOException {
    while (count == 0 && !closed) {
      try {
        wait();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException();
      }
    }
    if (count == 0) {
      return -1;
    }
    int b = buf[head] & 0xff;
    head = (head + 1) % buf.length;
    count--;
    return b;
  }

  @Override
  public synchronized int read(byte[] b, int off, int len) throws InterruptedIOException {
    if (len == 0) {
      return 0;
    }
    int first = read();
    if (first < 0) {
      return -1;
    }
    b[off] = (byte) first;
    int n = 1;
    while (n < len && count > 0) {
      b[off + n++] = buf[head];
      head = (head + 1) % buf.length;
      count--;
    }
    return n;
  }

  @Override
  public void close() {
    end();
  }
}
