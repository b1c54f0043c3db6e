/** Current status, problems, result history and metric series over REST (read-only). */
package io.vesana.api.status;
