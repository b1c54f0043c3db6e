package io.vesana.profiles;

import io.vesana.tenancy.TenantOwnedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * A device profile of one tenant ("APC Smart UPS"): the set of checks its hosts get. The checks
 * themselves ({@code profile_checks}) are mapped by the issue that builds check configuration.
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

  @Version private long version;

  protected Profile() {}

  public Profile(long tenantId, String name, String description) {
    super(tenantId);
    rename(name);
    this.description = description;
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
}
