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

/**
 * A named group of hosts of one tenant; groups nest through {@code parentId} (same tenant). The
 * database refuses a group that is its own parent; longer cycles are refused by {@link
 * HostGroupAdministration} before it moves a group.
 */
@Entity
@Table(name = "host_groups")
public class HostGroup extends TenantOwnedEntity {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(nullable = false)
  private String name;

  private String description;

  @Column(name = "parent_id")
  private Long parentId;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt = Instant.now();

  @Column(name = "updated_at", insertable = false)
  private Instant updatedAt;

  @Version private long version;

  protected HostGroup() {}

  public HostGroup(long tenantId, String name, Long parentId) {
    super(tenantId);
    rename(name);
    this.parentId = parentId;
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
    if (newName == null || newName.isBlank()) {
      throw new IllegalArgumentException("host group name must not be blank");
    }
    this.name = newName.strip();
  }

  public String description() {
    return description;
  }

  public void describe(String newDescription) {
    this.description = newDescription;
  }

  public Long parentId() {
    return parentId;
  }

  /** Moves the group under {@code newParent} (null: top level); cycles are the caller's check. */
  public void moveUnder(Long newParent) {
    if (newParent != null && newParent.equals(id)) {
      throw new IllegalArgumentException("a host group cannot be its own parent");
    }
    this.parentId = newParent;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public long version() {
    return version;
  }
}
