/** JDBC adapters of the edge feature. */
package io.vesana.edge.internal;
