/** Mesh relay value types: packets, messages, hashes, signed requests, server entries, error codes. */
package dev.missive.mesh.model;
