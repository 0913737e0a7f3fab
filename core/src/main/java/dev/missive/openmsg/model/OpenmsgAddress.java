package dev.missive.openmsg.model;

import java.util.Objects;
import java.util.Optional;

/**
 * An Openmsg address {@code <id>*<domain>}, e.g. {@code 1000000*example.com}.
 *
 * <p>The id is a non-empty string of ASCII digits, kept as a string because leading zeros are
 * significant. The domain may contain only {@code A-Z a-z 0-9 . -} (the reference initiator's rule:
 * no port, no userinfo, no IPv6 literal; IDNs must be punycode), must not start or end with a dot or
 * a hyphen, and must not contain an empty label. The whole address is at most 255 characters. Domains
 * are compared as given; {@link #parse} lower-cases them so that {@code A.example} and {@code a.example}
 * are the same node.
 *
 * @param id     the per-domain numeric id
 * @param domain the node's domain
 */
public record OpenmsgAddress(String id, String domain) {

    /** Longest address the protocol allows (the reference's VARCHAR(255)). */
    public static final int MAX_LENGTH = 255;

    /** Checks the components. */
    public OpenmsgAddress {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(domain, "domain");
        if (!isValidId(id)) {
            throw new InvalidAddressException("address id must be a non-empty string of digits");
        }
        if (!isValidDomain(domain)) {
            throw new InvalidAddressException("address domain may contain only A-Z a-z 0-9 . - in non-empty labels");
        }
        if (id.length() + 1 + domain.length() > MAX_LENGTH) {
            throw new InvalidAddressException("address longer than " + MAX_LENGTH + " characters");
        }
    }

    /**
     * Builds the address of user {@code id} at {@code domain}; same rules as the constructor.
     *
     * @param id the user's numeric id
     * @param domain the node's domain
     * @return the address
     */
    public static OpenmsgAddress of(String id, String domain) {
        return new OpenmsgAddress(id, domain.toLowerCase(java.util.Locale.ROOT));
    }

    /**
     * Parses {@code id*domain}. Exactly one {@code *} is allowed (the reference silently drops extra
     * segments; we refuse them).
     *
     * @param text the address as {@code id*domain}, e.g. {@code 1234*example.org}
     * @return the address, with the domain in lower case
     * @throws InvalidAddressException if the text is not a valid address
     */
    public static OpenmsgAddress parse(String text) {
        Objects.requireNonNull(text, "text");
        if (text.length() > MAX_LENGTH) {
            throw new InvalidAddressException("address longer than " + MAX_LENGTH + " characters");
        }
        int star = text.indexOf('*');
        if (star < 0 || text.indexOf('*', star + 1) >= 0) {
            throw new InvalidAddressException("address must have the form id*domain");
        }
        return of(text.substring(0, star), text.substring(star + 1));
    }

    /**
     * Like {@link #parse} but answers empty instead of throwing.
     *
     * @param text the address text, as {@link #parse} takes it
     * @return the address, or empty if {@code text} is not a valid address
     */
    public static Optional<OpenmsgAddress> tryParse(String text) {
        try {
            return Optional.of(parse(text));
        } catch (InvalidAddressException e) {
            return Optional.empty();
        }
    }

    /**
     * True if {@code id} is a valid address id (non-empty, ASCII digits only, at most 253
     * characters).
     *
     * @param id the candidate id; may be {@code null}
     * @return {@code true} if it is valid
     */
    public static boolean isValidId(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_LENGTH - 2) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * True if {@code domain} satisfies the domain rule described on this class.
     *
     * @param domain the candidate domain; may be {@code null}
     * @return {@code true} if it is valid
     */
    public static boolean isValidDomain(String domain) {
        if (domain == null || domain.isEmpty() || domain.length() > MAX_LENGTH - 2) {
            return false;
        }
        char previous = '.';
        for (int i = 0; i < domain.length(); i++) {
            char c = domain.charAt(i);
            boolean alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (!alnum && c != '.' && c != '-') {
                return false;
            }
            if (c == '.' && (previous == '.' || previous == '-')) {
                return false;
            }
            if (c == '-' && previous == '.') {
                return false;
            }
            previous = c;
        }
        return previous != '.' && previous != '-';
    }

    /** The wire form {@code id*domain}. */
    @Override
    public String toString() {
        return id + "*" + domain;
    }
}
