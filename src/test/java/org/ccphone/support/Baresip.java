package org.ccphone.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * An IVR over SIP TLS with mandatory SRTP (SDES), as Debian's baresip 1.0 places it: one call to a
 * URI, PCMU only, playing a tone as its microphone for as long as the call lasts (the call ends
 * when the tone does) and recording what it hears (module sndfile: {@code dump-*-dec.wav}). Its
 * own SIP listens on loopback. baresip 1.0 does not check the server's certificate (it has no
 * setting to): the test checks the server's TLS with a client of its own.
 */
public final class Baresip implements AutoCloseable {
  private final Path dir;
  private final Process process;

  private Baresip(Path dir, Process process) {
    this.dir = dir;
    this.process = process;
  }

  /**
   * Dials {@code uri} (without a transport: the account's is TLS) from 127.0.0.1:{@code sipPort}
   * (its TLS on sipPort + 1), sending a {@code toneHz} tone for {@code seconds}.
   */
  public static Baresip call(Path work, String uri, int sipPort, double toneHz, int seconds) throws IOException {
    Path dir = Files.createDirectories(work.resolve("baresip-" + sipPort));
    try (Stream<Path> old = Files.walk(dir)) {
      old.sorted(java.util.Comparator.reverseOrder()).filter(p -> !p.equals(dir)).forEach(p -> p.toFile().delete());
    }
    Files.createDirectories(dir.resolve("rec"));
    Wav.writeTone(dir.resolve("tone.wav"), toneHz, 8000, seconds);
    Files.writeString(dir.resolve("config"), String.join("\n",
        "poll_method epoll",
        "sip_listen 127.0.0.1:" + sipPort,
        "net_interface 127.0.0.1",
        "call_local_timeout 120",
        "audio_path /usr/share/baresip",
        "audio_source aufile," + dir.resolve("tone.wav"),
        "audio_player aubridge,ivrsink",
        "audio_alert aubridge,ivrsink",
        "audio_level no",
        "rtp_ports 30000-30100",
        "rtcp_mux no",
        "jitter_buffer_delay 5-10",
        "module_path /usr/lib/baresip/modules",
        "module g711.so",
        "module sndfile.so",
        "module aufile.so",
        "module aubridge.so",
        "module srtp.so",
        "module_tmp account.so",
        "module_app menu.so",
        "snd_path " + dir.resolve("rec"),
        "statmode_default off",
        "ringback_disabled yes", ""));
    Files.writeString(dir.resolve("accounts"),
        "<sip:ivr@127.0.0.1;transport=tls>;regint=0;mediaenc=srtp-mand;audio_codecs=pcmu;answermode=manual\n");
    // -t: quit (hanging up first) this long after the start; timeout: in case a transaction hangs past it.
    Process process = new ProcessBuilder(List.of("timeout", String.valueOf(seconds + 60), "baresip", "-s", "-f", dir.toString(),
        "-t", String.valueOf(seconds + 20), "-e", "/dial " + uri))
        .redirectErrorStream(true).redirectOutput(dir.resolve("baresip.log").toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
    return new Baresip(dir, process);
  }

  /** What baresip heard, once its call is over (null when it recorded nothing). */
  public Wav heard() throws IOException {
    try (Stream<Path> files = Files.list(dir.resolve("rec"))) {
      Path dec = files.filter(p -> p.getFileName().toString().endsWith("-dec.wav")).findFirst().orElse(null);
      return dec == null ? null : Wav.read(dec);
    }
  }

  /** Its output so far: the SIP trace (-s) and what it says of the call and its media encryption. */
  public String log() throws IOException {
    return Files.readString(dir.resolve("baresip.log"));
  }

  /** Waits for baresip to end by itself (it quits after its -t time). */
  public boolean awaitEnd(long seconds) throws InterruptedException {
    return process.waitFor(seconds, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }
}
