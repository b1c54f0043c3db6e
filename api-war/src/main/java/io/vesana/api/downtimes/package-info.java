/** {@code /v1/downtimes}: planned maintenance windows, one-off or recurring. */
package io.vesana.api.downtimes;
