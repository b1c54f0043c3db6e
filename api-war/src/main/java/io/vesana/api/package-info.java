/**
 * The REST API (JAX-RS) for the web UI, the mobile app and automation. Feature sub-packages hold a
 * resource and its representations; entities never appear on the wire.
 */
package io.vesana.api;
