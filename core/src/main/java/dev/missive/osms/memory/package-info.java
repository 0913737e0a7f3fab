/** In-memory implementations of every OSMS store SPI (tests, demos, ephemeral servers). */
package dev.missive.osms.memory;
