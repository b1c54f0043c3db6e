/** Users over REST: created with a role and a one-time initial password, listed, disabled. */
package io.vesana.api.users;
