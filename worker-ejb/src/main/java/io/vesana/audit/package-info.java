/** The audit trail: who changed what, in which tenant, before and after (secrets masked). */
package io.vesana.audit;
