/**
 * Mesh codecs: the binary envelope, every byte string hashed, signed or encrypted, and strict
 * size-capped JSON for every body. Exported only to the Missive modules that build on them.
 */
package dev.missive.mesh.wire;
