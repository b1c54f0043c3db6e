/** Device profiles: the set of checks a host of that kind gets. */
package io.vesana.profiles;
