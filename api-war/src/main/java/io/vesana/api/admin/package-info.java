/**
 * Administration of the installation: first super admin bootstrap (audit log, settings and system
 * health come with the API issue).
 */
package io.vesana.api.admin;
