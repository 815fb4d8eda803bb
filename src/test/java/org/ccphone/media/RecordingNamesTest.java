package org.ccphone.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordingNamesTest {
  @TempDir Path folder;

  @Test
  void aCallIdCannotLeaveTheFolder() {
    assertEquals("_.._.._etc_passwd", RecordingNames.safe("/../../etc/passwd"));
    assertEquals("_etc_passwd", RecordingNames.safe("../etc/passwd"));
    assertEquals("call", RecordingNames.safe(null));
    assertEquals("call", RecordingNames.safe("..."));
    assertEquals("a_b_c", RecordingNames.safe("a\\b:c"));
    assertEquals(RecordingNames.MAX_LENGTH, RecordingNames.safe("x".repeat(500)).length());
    assertEquals("7d9e-11.A_b", RecordingNames.safe("7d9e-11.A b"));
  }

  @Test
  void aSecondRecordingOfTheSameCallIdGetsASuffix() throws Exception {
    Path first = RecordingNames.claim(folder, "call-1");
    Path second = RecordingNames.claim(folder, "call-1");
    Path third = RecordingNames.claim(folder, "call/1");
    assertEquals(folder.resolve("call-1.wav"), first);
    assertEquals(folder.resolve("call-1-2.wav"), second);
    assertEquals(folder.resolve("call_1.wav"), third);
    assertTrue(Files.exists(first) && Files.exists(second));
    assertEquals(folder, RecordingNames.claim(folder, "../../x").getParent(), "always inside the folder");
  }
}
