package dev.lpa.core.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A dialog of a conversation: MAIN (the chat), POST_SURVEY, or OTHER (e.g. a COBROWSE dialog for a
 * video/voice call invitation, whose {@code metaData} holds mode, serviceId and sessionState).
 */
public record Dialog(
    String id,
    String type,
    String channelType,
    String state,
    List<Participant> participants,
    Map<String, String> metaData,
    Instant created,
    Instant ended) {
  public boolean isMain() {
    return "MAIN".equals(type);
  }
}
