package org.ccphone.figures;

import static org.ccphone.Jsons.JSON;

import jakarta.json.JsonObjectBuilder;

/**
 * One day's call figures of a queue or an agent, as the supervisors see them.
 *
 * @param offered calls that entered the queue (a queue) or rang at the agent (an agent)
 * @param answered calls answered (by the agent)
 * @param abandoned callers who hung up before an answer (while ringing at the agent)
 * @param overflowed calls that left the queue unanswered for their CallCenter (maximum wait, nobody left)
 * @param answeredInTime answered within the tenant's service level threshold
 * @param answerWaitMillis the waits of the answered calls, summed: the average speed of answer's numerator
 */
public record DayFigures(long offered, long answered, long abandoned, long overflowed, long answeredInTime, long answerWaitMillis) {
  public static final DayFigures NONE = new DayFigures(0, 0, 0, 0, 0, 0);

  public static DayFigures offer() {
    return new DayFigures(1, 0, 0, 0, 0, 0);
  }

  public static DayFigures answer(long waitMillis, boolean inTime) {
    return new DayFigures(0, 1, 0, 0, inTime ? 1 : 0, waitMillis);
  }

  public static DayFigures abandon() {
    return new DayFigures(0, 0, 1, 0, 0, 0);
  }

  public static DayFigures overflow() {
    return new DayFigures(0, 0, 0, 1, 0, 0);
  }

  public DayFigures plus(DayFigures other) {
    return new DayFigures(offered + other.offered, answered + other.answered, abandoned + other.abandoned,
        overflowed + other.overflowed, answeredInTime + other.answeredInTime, answerWaitMillis + other.answerWaitMillis);
  }

  /**
   * The share of the calls whose outcome is known (answered, abandoned, overflowed) that were answered
   * within the threshold; null before the first such call. An agent's counts only its answers.
   */
  public Double serviceLevel(boolean ofAgent) {
    long outcomes = ofAgent ? answered : answered + abandoned + overflowed;
    return outcomes == 0 ? null : (double) answeredInTime / outcomes;
  }

  /** Seconds from arrival in the queue to the answer, on average; null before the first answer. */
  public Double averageSpeedOfAnswer() {
    return answered == 0 ? null : answerWaitMillis / 1000.0 / answered;
  }

  public JsonObjectBuilder json(boolean ofAgent) {
    JsonObjectBuilder json = JSON.createObjectBuilder().add("offered", offered).add("answered", answered)
        .add("abandoned", abandoned).add("overflowed", overflowed).add("answeredInTime", answeredInTime);
    Double level = serviceLevel(ofAgent);
    Double speed = averageSpeedOfAnswer();
    if (level == null) {
      json.addNull("serviceLevel");
    } else {
      json.add("serviceLevel", Math.round(level * 1000) / 1000.0);
    }
    if (speed == null) {
      json.addNull("averageSpeedOfAnswer");
    } else {
      json.add("averageSpeedOfAnswer", Math.round(speed * 10) / 10.0);
    }
    return json;
  }
}
