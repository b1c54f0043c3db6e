package io.vesana.hosts;

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

/** A monitored machine or device of one tenant. Configuration only; runtime state lives apart. */
@Entity
@Table(name = "hosts")
public class Host extends TenantOwnedEntity {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(nullable = false)
  private String name;

  @Column(name = "display_name")
  private String displayName;

  private String address;

  @Column(name = "host_group_id")
  private Long hostGroupId;

  @Column(name = "profile_id")
  private Long profileId;

  /** The collector that runs this host's remote checks; null for agent-only or passive hosts. */
  @Column(name = "collector_id")
  private Long collectorId;

  @Column(nullable = false)
  private boolean enabled = true;

  // Set here rather than by the column default, so a host just created can show it.
  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt = Instant.now();

  @Column(name = "updated_at", insertable = false)
  private Instant updatedAt;

  @Version private long version;

  protected Host() {}

  public Host(long tenantId, String name, String address) {
    super(tenantId);
    this.name = requireName(name);
    this.address = address;
  }

  private static String requireName(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("host name must not be blank");
    }
    return name.strip();
  }

  @PreUpdate
  void touch() {
    updatedAt = Instant.now();
  }

  public Long id() {
    return id;
  }

  public String name() {
    return name;
  }

  public void rename(String newName) {
    this.name = requireName(newName);
  }

  public String displayName() {
    return displayName;
  }

  public void setDisplayName(String displayName) {
    this.displayName = displayName;
  }

  public String address() {
    return address;
  }

  public void moveTo(String newAddress) {
    this.address = newAddress;
  }

  public Long hostGroupId() {
    return hostGroupId;
  }

  public void assignGroup(Long groupId) {
    this.hostGroupId = groupId;
  }

  public Long profileId() {
    return profileId;
  }

  public void assignProfile(Long profileId) {
    this.profileId = profileId;
  }

  public Long collectorId() {
    return collectorId;
  }

  public void assignCollector(Long collectorId) {
    this.collectorId = collectorId;
  }

  public boolean enabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public long version() {
    return version;
  }
}
