/** SQL of the reports: services in scope, state history and downtime windows, in plain JDBC. */
package io.vesana.reports.internal;
