package io.vesana.profiles;

import io.vesana.checks.CheckKind;
import io.vesana.checks.CheckSettings;
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
 * One check of a profile ("Battery voltage"). Settings are the JSON of the kind's {@link
 * CheckSettings} record, validated before they get here (and once more by the database). The kind
 * never changes: host services pin it (their foreign key includes it).
 */
@Entity
@Table(name = "profile_checks")
public class ProfileCheck extends TenantOwnedEntity {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "profile_id", nullable = false, updatable = false)
  private long profileId;

  @Column(nullable = false)
  private String name;

  @Column(nullable = false, updatable = false)
  private String kind;

  @Column(nullable = false, columnDefinition = "jsonb")
  @ColumnTransformer(write = "?::jsonb")
  private String settings;

  @Column(name = "credential_id")
  private Long credentialId;

  @Column(name = "check_interval_s", nullable = false)
  private int checkIntervalS;

  @Column(name = "retry_interval_s", nullable = false)
  private int retryIntervalS;

  @Column(name = "max_check_attempts", nullable = false)
  private short maxCheckAttempts;

  @Column(name = "warn_threshold", columnDefinition = "jsonb")
  @ColumnTransformer(write = "?::jsonb")
  private String warnThreshold;

  @Column(name = "crit_threshold", columnDefinition = "jsonb")
  @ColumnTransformer(write = "?::jsonb")
  private String critThreshold;

  @Column(name = "freshness_threshold_s")
  private Integer freshnessThresholdS;

  @Column(name = "flap_detection", nullable = false)
  private boolean flapDetection;

  @Column(nullable = false)
  private boolean enabled;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt = Instant.now();

  @Column(name = "updated_at", insertable = false)
  private Instant updatedAt;

  @Version private long version;

  protected ProfileCheck() {}

  public ProfileCheck(long tenantId, long profileId, ProfileCheckDraft d) {
    super(tenantId);
    this.profileId = profileId;
    this.kind = d.settings().kind().code();
    apply(d);
  }

  /** Replaces every writable field; the kind must stay what it is. */
  public void apply(ProfileCheckDraft d) {
    if (!d.settings().kind().code().equals(kind)) {
      throw new IllegalArgumentException("the kind of a profile check cannot change");
    }
    if (d.name() == null || d.name().isBlank()) {
      throw new IllegalArgumentException("profile check name must not be blank");
    }
    this.name = d.name().strip();
    this.settings = d.settings().toJson().toString();
    this.credentialId = d.credentialId();
    this.checkIntervalS = d.checkIntervalS();
    this.retryIntervalS = d.retryIntervalS();
    this.maxCheckAttempts = (short) d.maxCheckAttempts();
    this.warnThreshold = d.warnThreshold() == null ? null : d.warnThreshold().toString();
    this.critThreshold = d.critThreshold() == null ? null : d.critThreshold().toString();
    this.freshnessThresholdS = d.freshnessThresholdS();
    this.flapDetection = d.flapDetection();
    this.enabled = d.enabled();
  }

  @PreUpdate
  void touch() {
    updatedAt = Instant.now();
  }

  public Long id() {
    return id;
  }

  public long profileId() {
    return profileId;
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

  public Long credentialId() {
    return credentialId;
  }

  public int checkIntervalS() {
    return checkIntervalS;
  }

  public int retryIntervalS() {
    return retryIntervalS;
  }

  public int maxCheckAttempts() {
    return maxCheckAttempts;
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

  public boolean flapDetection() {
    return flapDetection;
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
