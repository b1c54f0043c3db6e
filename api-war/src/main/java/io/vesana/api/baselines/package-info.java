/** {@code /v1/services/{id}/baselines}: a service's metric baselines and anomaly flags. */
package io.vesana.api.baselines;
