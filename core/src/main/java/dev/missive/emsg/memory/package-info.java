/** In-memory implementations of every EMSG store SPI (tests, ephemeral servers; state is lost on restart). */
package dev.missive.emsg.memory;
