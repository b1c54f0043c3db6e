package io.vesana.profiles;

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
 * A device profile of one tenant ("APC Smart UPS"): the set of checks ({@link ProfileCheck}) its
 * hosts get. With {@code autoCreateServices}, a host assigned this profile gets a host service for
 * each enabled check.
 */
@Entity
@Table(name = "profiles")
public class Profile extends TenantOwnedEntity {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(nullable = false)
  private String name;

  private String description;

  @Column(name = "auto_create_services", nullable = false)
  private boolean autoCreateServices = true;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt = Instant.now();

  @Column(name = "updated_at", insertable = false)
  private Instant updatedAt;

  @Version private long version;

  protected Profile() {}

  public Profile(long tenantId, String name, String description) {
    super(tenantId);
    rename(name);
    this.description = description;
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
      throw new IllegalArgumentException("profile name must not be blank");
    }
    this.name = newName.strip();
  }

  public String description() {
    return description;
  }

  public void describe(String newDescription) {
    this.description = newDescription;
  }

  public boolean autoCreateServices() {
    return autoCreateServices;
  }

  public void setAutoCreateServices(boolean autoCreateServices) {
    this.autoCreateServices = autoCreateServices;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public long version() {
    return version;
  }
}
