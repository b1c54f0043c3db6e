package io.vesana.hostservices.internal;

import io.vesana.hostservices.HostService;
import io.vesana.hostservices.HostServices;
import io.vesana.tenancy.JpaTenantRepository;
import io.vesana.tenancy.TenantAccessDeniedException;
import io.vesana.tenancy.TenantGuard;
import io.vesana.tenancy.TenantScope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;

/**
 * {@link HostServices} on JPA/Hibernate. Instantiating a profile is one set-based INSERT ... SELECT
 * (a profile can have many checks and hosts), idempotent through the unique name index.
 */
@ApplicationScoped
public class JpaHostServices extends JpaTenantRepository<HostService> implements HostServices {

  @PersistenceContext(unitName = "vesana")
  private EntityManager em;

  protected JpaHostServices() {
    super(HostService.class);
  }

  /** For use outside a container (integration tests with a resource-local entity manager). */
  public JpaHostServices(EntityManager em) {
    this();
    this.em = em;
  }

  @Override
  protected EntityManager em() {
    return em;
  }

  @Override
  public List<HostService> ofHost(TenantScope scope, long hostId, long afterId, int limit) {
    if (limit < 1 || limit > MAX_PAGE) {
      throw new IllegalArgumentException("limit must be 1..500");
    }
    return TenantGuard.call(
        em,
        scope,
        () ->
            em.createQuery(
                    "select s from HostService s where s.hostId = :host and s.id > :after"
                        + " order by s.id",
                    HostService.class)
                .setParameter("host", hostId)
                .setParameter("after", afterId)
                .setMaxResults(limit)
                .getResultList());
  }

  @Override
  public int instantiateProfile(TenantScope scope, long tenantId, long hostId, long profileId) {
    return insert(
        scope,
        tenantId,
        "SELECT pc.tenant_id, h.id, pc.id, pc.name, pc.kind FROM profile_checks pc"
            + " JOIN hosts h ON h.tenant_id = pc.tenant_id AND h.id = ?"
            + " WHERE pc.tenant_id = ? AND pc.profile_id = ? AND pc.enabled",
        hostId,
        tenantId,
        profileId);
  }

  @Override
  public int instantiateCheck(TenantScope scope, long tenantId, long profileId, long checkId) {
    return insert(
        scope,
        tenantId,
        "SELECT pc.tenant_id, h.id, pc.id, pc.name, pc.kind FROM profile_checks pc"
            + " JOIN hosts h ON h.tenant_id = pc.tenant_id AND h.profile_id = pc.profile_id"
            + " WHERE pc.tenant_id = ? AND pc.profile_id = ? AND pc.id = ? AND pc.enabled",
        tenantId,
        profileId,
        checkId);
  }

  /** {@code params} bind the placeholders of {@code select} in order. */
  private int insert(TenantScope scope, long tenantId, String select, Object... params) {
    if (!scope.canWrite(tenantId)) {
      throw new TenantAccessDeniedException("cannot create rows in another tenant");
    }
    return TenantGuard.call(
        em,
        scope,
        () -> {
          em.flush();
          var q =
              em.createNativeQuery(
                  "INSERT INTO host_services (tenant_id, host_id, profile_check_id, name, kind) "
                      + select
                      + " ON CONFLICT (tenant_id, host_id, lower(name)) DO NOTHING");
          for (int i = 0; i < params.length; i++) {
            q.setParameter(i + 1, params[i]);
          }
          return q.executeUpdate();
        });
  }
}
