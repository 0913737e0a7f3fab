/** The client side of EMSG: line builders and reply parsing for a user's client, without I/O. */
package dev.missive.emsg.client;
