package dev.missive.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/** Reads whole HTTP bodies into memory under a size cap. */
public final class BoundedBodies {

    private BoundedBodies() {}

    /**
     * Reads {@code in} to its end.
     *
     * @param in the body's stream; not closed here
     * @param maxBytes the most bytes accepted
     * @return every byte of the body, at most {@code maxBytes}
     * @throws BodyTooLargeException as soon as more than {@code maxBytes} bytes arrive (the rest is
     *                               not read)
     */
    public static byte[] readAll(InputStream in, int maxBytes) throws IOException {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes must not be negative");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(maxBytes, 8192));
        byte[] buffer = new byte[8192];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) != -1) {
            total += n;
            if (total > maxBytes) {
                throw new BodyTooLargeException(maxBytes);
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }
}
