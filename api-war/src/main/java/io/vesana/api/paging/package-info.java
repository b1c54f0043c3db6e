/** Keyset paging of list endpoints: one answer shape for every list. */
package io.vesana.api.paging;
