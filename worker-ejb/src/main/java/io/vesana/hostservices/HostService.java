package io.vesana.hostservices;

import io.vesana.checks.CheckKind;
import io.vesana.tenancy.TenantOwnedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import org.hibernate.annotations.ColumnTransformer;

/**
 * A check instance on one host. Host, profile check and kind are fixed at creation; everything else
 * is replaced by {@link #apply}. JSON columns hold validated JSON text.
 */
@Entity
@Table(name = "host_services")
public class HostService extends TenantOwnedEntity {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "host_id", nullable = false, updatable = false)
  private long hostId;

  @Column(name = "profile_check_id", updatable = false)
  private Long profileCheckId;

  @Column(nullable = false)
  private String name;

  @Column(nullable = false, updatable = false)
  private String kind;

  @Column(columnDefinition = "jsonb")
  @ColumnTransformer(write = "?::jsonb")
  private String settings;

  @Column(nullable = false, columnDefinition = "jsonb")
  @ColumnTransformer(write = "?::jsonb")
  private String overrides = "{}";

  @Column(name = "credential_id")
  private Long credentialId;

  @Column(name = "check_interval_s")
  private Integer checkIntervalS;

  @Column(name = "retry_interval_s")
  private Integer retryIntervalS;

  @Column(name = "max_check_attempts")
  private Short maxCheckAttempts;

  @Column(name = "warn_threshold", columnDefinition = "jsonb")
  @ColumnTransformer(write = "?::jsonb")
  private String warnThreshold;

  @Column(name = "crit_threshold", columnDefinition = "jsonb")
  @ColumnTransformer(write = "?::jsonb")
  private String critThreshold;

  @Column(name = "freshness_threshold_s")
  private Integer freshnessThresholdS;

  @Column(name = "is_host_check", nullable = false)
  private boolean hostCheck;

  @Column(nullable = false)
  private boolean enabled = true;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt = Instant.now();

  @Column(name = "updated_at", insertable = false)
  private Instant updatedAt;

  @Version private long version;

  protected HostService() {}

  public HostService(long tenantId, long hostId, Long profileCheckId, CheckKind kind) {
    super(tenantId);
    this.hostId = hostId;
    this.profileCheckId = profileCheckId;
    this.kind = kind.code();
  }

  /** Replaces the writable fields with already validated values (JSON as text). */
  void apply(ValidatedService v) {
    if (v.name() == null || v.name().isBlank()) {
      throw new IllegalArgumentException("service name must not be blank");
    }
    this.name = v.name().strip();
    this.settings = v.settings();
    this.overrides = v.overrides();
    this.credentialId = v.draft().credentialId();
    this.checkIntervalS = v.draft().checkIntervalS();
    this.retryIntervalS = v.draft().retryIntervalS();
    Integer attempts = v.draft().maxCheckAttempts();
    this.maxCheckAttempts = attempts == null ? null : attempts.shortValue();
    this.warnThreshold = text(v.draft().warnThreshold());
    this.critThreshold = text(v.draft().critThreshold());
    this.freshnessThresholdS = v.draft().freshnessThresholdS();
    this.hostCheck = v.draft().hostCheck();
    this.enabled = v.draft().enabled();
  }

  private static String text(Object json) {
    return json == null ? null : json.toString();
  }

  @PreUpdate
  void touch() {
    updatedAt = Instant.now();
  }

  public Long id() {
    return id;
  }

  public long hostId() {
    return hostId;
  }

  public Long profileCheckId() {
    return profileCheckId;
  }

  public String name() {
    return name;
  }

  public CheckKind kind() {
    return CheckKind.byCode(kind).orElseThrow();
  }

  public String settingsJson() {
    return settings;
  }

  public String overridesJson() {
    return overrides;
  }

  public Long credentialId() {
    return credentialId;
  }

  public Integer checkIntervalS() {
    return checkIntervalS;
  }

  public Integer retryIntervalS() {
    return retryIntervalS;
  }

  public Integer maxCheckAttempts() {
    return maxCheckAttempts == null ? null : maxCheckAttempts.intValue();
  }

  public String warnThresholdJson() {
    return warnThreshold;
  }

  public String critThresholdJson() {
    return critThreshold;
  }

  public Integer freshnessThresholdS() {
    return freshnessThresholdS;
  }

  public boolean hostCheck() {
    return hostCheck;
  }

  public boolean enabled() {
    return enabled;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public long version() {
    return version;
  }
}
