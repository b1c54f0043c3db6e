package io.vesana.discovery;

import java.util.Set;

/** Which suggestions a list shows; null fields do not filter. */
public record SuggestionFilter(String status, Long discoveryId) {

  public static final Set<String> STATUSES = Set.of("suggested", "accepted", "rejected");
}
