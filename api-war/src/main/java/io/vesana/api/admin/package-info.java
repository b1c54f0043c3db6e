/**
 * Administration of the installation: the first super admin's bootstrap, and the dead-letter view
 * of the ingest pipeline (super admins only).
 */
package io.vesana.api.admin;
