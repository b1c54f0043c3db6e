/**
 * {@code /v1/reports}: availability reports as JSON (keyset-paged by service) or as a CSV download
 * streamed page by page ({@link io.vesana.api.reports.CsvWriter}).
 */
package io.vesana.api.reports;
