package io.provwatch.schemas.serde;

/** Confluent's TopicNameStrategy: a topic's value schema lives under {@code <topic>-value}, its key under {@code <topic>-key}. */
public final class SubjectNames {
  private SubjectNames() {}

  public static String topicName(String topic, boolean isKey) {
    return topic + (isKey ? "-key" : "-value");
  }
}
