package io.vesana.notifications;

import java.time.Instant;
import java.util.Set;

/**
 * What notifications need to know about an alert: what rules match on and what a message says.
 *
 * @param serviceId null for a host alert
 * @param hostGroupIds the host's group and all its ancestors (a rule on a parent group covers the
 *     hosts of its nested groups)
 */
public record AlertFacts(
    long id,
    long tenantId,
    long hostId,
    String hostName,
    Long serviceId,
    String serviceName,
    String severity,
    int state,
    String summary,
    Instant openedAt,
    Instant resolvedAt,
    boolean acknowledged,
    Set<Long> hostGroupIds) {

  public boolean open() {
    return resolvedAt == null;
  }
}
