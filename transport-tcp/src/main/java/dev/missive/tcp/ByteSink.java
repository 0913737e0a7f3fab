package dev.missive.tcp;

import java.io.IOException;

/** Receives a slice of a byte stream; the array is only valid during the call. */
@FunctionalInterface
public interface ByteSink {

    /**
     * Consumes {@code bytes[off, off+len)}.
     *
     * @param bytes the buffer holding the bytes; valid only during the call
     * @param off where the bytes start in {@code bytes}
     * @param len how many bytes
     * @throws IOException if the bytes violate the protocol and the connection must close
     */
    void accept(byte[] bytes, int off, int len) throws IOException;
}
