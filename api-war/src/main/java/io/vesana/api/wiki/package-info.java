/** {@code /v1/wiki/pages}: wiki pages, their revisions, and full-text search. */
package io.vesana.api.wiki;
