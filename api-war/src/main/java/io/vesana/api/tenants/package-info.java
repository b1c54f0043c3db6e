/** Tenants over REST (super admins manage them; users read their own). */
package io.vesana.api.tenants;
