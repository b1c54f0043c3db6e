/**
 * The edge over HTTP: collector and agent administration ({@code /v1/collectors}, {@code
 * /v1/agents}) and what agents and collectors call themselves ({@code /v1/agent/enrol}, {@code
 * /v1/agent/config}, {@code /v1/collector/config}), authenticated by their token or key.
 */
package io.vesana.api.edge;
