/**
 * What an EMSG host implements: stores (accounts and keys, groups, profiles and contacts, inboxes, the
 * federation outbox), discovery and the peer transport. Seen message ids go to the shared
 * {@link dev.missive.spi.ReplayGuardStore} (scope {@code emsg.seen}).
 */
package dev.missive.emsg.spi;
