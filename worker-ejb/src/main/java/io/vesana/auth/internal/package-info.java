/** JDBC adapters of the identity feature: accounts for login, refresh-token rotation. */
package io.vesana.auth.internal;
