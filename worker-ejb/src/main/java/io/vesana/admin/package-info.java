/**
 * Administration read models: system health (PostgreSQL and Redis reachability and latency, the
 * ingest stream's backlog and dead letters, watchers' last runs). The audit log query is the audit
 * feature's; dead letters are the ingest feature's.
 */
package io.vesana.admin;
