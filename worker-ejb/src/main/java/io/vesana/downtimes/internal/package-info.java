/** JDBC adapter of the downtimes feature. */
package io.vesana.downtimes.internal;
