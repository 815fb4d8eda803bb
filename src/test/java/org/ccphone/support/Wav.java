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

  /** Writes a mono 16-bit PCM WAV of a sine tone. */
  public static void writeTone(Path file, double hz, int rate, double seconds) throws IOException {
    int n = (int) (rate * seconds);
    ByteBuffer wav = ByteBuffer.allocate(44 + 2 * n).order(ByteOrder.LITTLE_ENDIAN);
    wav.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(36 + 2 * n)
        .put("WAVE".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
        .put("fmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1)
        .putInt(rate).putInt(rate * 2).putShort((short) 2).putShort((short) 16)
        .put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(2 * n);
    for (int i = 0; i < n; i++) {
      wav.putShort((short) (8000 * Math.sin(2 * Math.PI * hz * i / rate)));
    }
    Files.write(file, wav.array());
  }

  public double seconds() {
    return samples.length / (double) rate;
  }

  /** The strongest frequency between {@code fromHz} and {@code toHz} (5 Hz steps) and its power. */
  public double[] strongest(double fromHz, double toHz) {
    return Tones.strongest(samples, rate, fromHz, toHz);
  }

  /**
   * How many times {@code hz} (within 10 Hz) is stronger than the noise just beside it (30 to 60 Hz
   * away on each side): a tone in the file gives tens or more, none about 1. Beside a loud tone the
   * noise is far above that of a quiet band, so a quiet band says little about a tone near another.
   */
  public double overNeighbours(double hz) {
    double beside = Math.max(strongest(hz - 60, hz - 30)[1], strongest(hz + 30, hz + 60)[1]);
    return strongest(hz - 10, hz + 10)[1] / beside;
  }
}
