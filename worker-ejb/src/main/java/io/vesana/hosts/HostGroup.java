package io.vesana.hosts;

import io.vesana.tenancy.TenantOwnedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A named group of hosts of one tenant; groups nest through {@code parentId} (same tenant). */
@Entity
@Table(name = "host_groups")
public class HostGroup extends TenantOwnedEntity {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(nullable = false)
  private String name;

  @Column(name = "parent_id")
  private Long parentId;

  @Version private long version;

  protected HostGroup() {}

  public HostGroup(long tenantId, String name, Long parentId) {
    super(tenantId);
    rename(name);
    this.parentId = parentId;
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

  public Long parentId() {
    return parentId;
  }
}
