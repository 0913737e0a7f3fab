/** In-memory implementations of every mesh store SPI. */
package dev.missive.mesh.memory;
