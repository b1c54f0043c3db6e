package io.vesana.api;

import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;

/**
 * The REST API, version 1, under {@code /api/v1}. Bearer tokens are RS256 JWTs verified by
 * MicroProfile JWT ({@code mp.jwt.verify.*}); which caller may do what is decided in each resource
 * method's first line ({@link io.vesana.api.auth.Access}), not by annotations, because it depends
 * on the tenant of the row as well as on the permission. Must be {@code @ApplicationScoped} for MP
 * JWT on Payara.
 */
@ApplicationPath("v1")
@ApplicationScoped
@LoginConfig(authMethod = "MP-JWT", realmName = "vesana")
@DeclareRoles({"super_admin", "tenant_admin", "operator", "viewer"})
public class VesanaApi extends Application {}
