/**
 * EMSG value types: addresses, group ids, messages as received (with the exact JSON their authors
 * signed), keys and signatures, versions and the error codes ({@code docs/emsg.md}).
 */
package dev.missive.emsg.model;
