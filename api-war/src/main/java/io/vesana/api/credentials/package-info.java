/** Agent tokens and API keys over REST: shown once at creation, then only listed and revoked. */
package io.vesana.api.credentials;
