/** Hosts over REST: resource and JSON mapping (the use cases are worker-ejb's hosts feature). */
package io.vesana.api.hosts;
