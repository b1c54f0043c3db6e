package io.vesana.auth;

import java.util.Set;

/** The permission codes of the {@code permissions} catalog (migration V1), as constants. */
public final class Permissions {

  public static final String HOSTS_READ = "hosts.read";
  public static final String HOSTS_WRITE = "hosts.write";
  public static final String PROFILES_READ = "profiles.read";
  public static final String PROFILES_WRITE = "profiles.write";
  public static final String CREDENTIALS_WRITE = "credentials.write";
  public static final String COLLECTORS_MANAGE = "collectors.manage";
  public static final String ALERTS_READ = "alerts.read";
  public static final String ALERTS_ACKNOWLEDGE = "alerts.acknowledge";
  public static final String DOWNTIMES_WRITE = "downtimes.write";
  public static final String NOTIFICATIONS_MANAGE = "notifications.manage";
  public static final String DISCOVERY_RUN = "discovery.run";
  public static final String POLICIES_MANAGE = "policies.manage";
  public static final String WIKI_READ = "wiki.read";
  public static final String WIKI_WRITE = "wiki.write";
  public static final String AI_ASK = "ai.ask";
  public static final String REPORTS_READ = "reports.read";
  public static final String AUDIT_READ = "audit.read";
  public static final String USERS_MANAGE = "users.manage";
  public static final String SETTINGS_MANAGE = "settings.manage";

  /** Every code above; a test checks it equals the database catalog. */
  public static final Set<String> ALL =
      Set.of(
          HOSTS_READ,
          HOSTS_WRITE,
          PROFILES_READ,
          PROFILES_WRITE,
          CREDENTIALS_WRITE,
          COLLECTORS_MANAGE,
          ALERTS_READ,
          ALERTS_ACKNOWLEDGE,
          DOWNTIMES_WRITE,
          NOTIFICATIONS_MANAGE,
          DISCOVERY_RUN,
          POLICIES_MANAGE,
          WIKI_READ,
          WIKI_WRITE,
          AI_ASK,
          REPORTS_READ,
          AUDIT_READ,
          USERS_MANAGE,
          SETTINGS_MANAGE);

  private Permissions() {}
}
