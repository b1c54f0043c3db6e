/** The wiki's SQL in plain JDBC; every statement names its tenants. */
package io.vesana.wiki.internal;
