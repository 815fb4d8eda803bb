package org.ccphone.support;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** A recording as the tests read it: a 16-bit PCM WAV file's samples, length and tones. */
public final class Wav {
  private final int rate;
  private final double[] samples;

  private Wav(int rate, double[] samples) {
    this.rate = rate;
    this.samples = samples;
  }

  /** Reads a mono 16-bit PCM WAV (the chunks before "data" are skipped). */
  public static Wav read(Path file) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    int rate = b.getInt(24);
    int pos = 12;
    while (pos + 8 <= b.limit()) {
      String id = new String(new byte[] {b.get(pos), b.get(pos + 1), b.get(pos + 2), b.get(pos + 3)});
      int size = b.getInt(pos + 4);
      if (id.equals("data")) {
        int n = Math.min(size, b.limit() - pos - 8) / 2;
        double[] samples = new double[n];
        for (int i = 0; i < n; i++) {
          samples[i] = b.getShort(pos + 8 + 2 * i);
        }
        return new Wav(rate, samples);
      }
      pos += 8 + size + (size & 1);
    }
    throw new IOException(file + " has no data chunk");
  }

  public double seconds() {
    return samples.length / (double) rate;
  }

  /** The strongest frequency between {@code fromHz} and {@code toHz} (5 Hz steps) and its power. */
  public double[] strongest(double fromHz, double toHz) {
    return Tones.strongest(samples, rate, fromHz, toHz);
  }
}
