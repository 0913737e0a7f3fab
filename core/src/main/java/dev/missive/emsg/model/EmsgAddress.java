package dev.missive.emsg.model;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An EMSG address {@code user#domain} ({@code docs/emsg.md}, "Addresses"). The local part is 1 to
 * {@value #MAX_LOCAL_LENGTH} characters of {@code [A-Za-z0-9._-]} and keeps its case; the domain is a
 * DNS name of LDH labels (at most {@value #MAX_DOMAIN_LENGTH} characters) and is lower-cased, so two
 * addresses are equal when their local parts are equal and their domains are equal ignoring case.
 * Normalisation is for comparison and routing only: a signed message keeps the bytes its author wrote.
 *
 * @param local  the user part, as written
 * @param domain the home domain, lower case
 */
public record EmsgAddress(String local, String domain) {

    /** Longest local part. */
    public static final int MAX_LOCAL_LENGTH = 64;

    /** Longest domain. */
    public static final int MAX_DOMAIN_LENGTH = 253;

    /** Longest address text: local part, {@code #} and domain. */
    public static final int MAX_LENGTH = MAX_LOCAL_LENGTH + 1 + MAX_DOMAIN_LENGTH;

    /** The local part every server reserves for itself ({@code system#domain} signs server notices). */
    public static final String SYSTEM_LOCAL = "system";

    private static final Pattern LOCAL = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    /** Checks both parts and lower-cases the domain. */
    public EmsgAddress {
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(domain, "domain");
        if (!LOCAL.matcher(local).matches()) {
            throw new IllegalArgumentException("address local part must be 1-64 of [A-Za-z0-9._-]");
        }
        domain = checkDomain(domain);
    }

    /**
     * Parses {@code user#domain}.
     *
     * @param text the address
     * @return the address, domain lower-cased
     * @throws IllegalArgumentException if it is not exactly one {@code #} between a valid local part and
     *     a valid domain
     */
    public static EmsgAddress parse(String text) {
        Objects.requireNonNull(text, "text");
        if (text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("address longer than " + MAX_LENGTH + " characters");
        }
        int hash = text.indexOf('#');
        if (hash < 0 || hash != text.lastIndexOf('#')) {
            throw new IllegalArgumentException("address must contain exactly one '#'");
        }
        return new EmsgAddress(text.substring(0, hash), text.substring(hash + 1));
    }

    /**
     * Whether {@code text} parses as an address.
     *
     * @param text the text to check, e.g. {@code alice#example.org}
     * @return true if {@link #parse} would accept it
     */
    public static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (IllegalArgumentException | NullPointerException e) {
            return false;
        }
    }

    /**
     * The server's own address on {@code domain}, {@code system#domain}.
     *
     * @param domain the server's domain
     * @return the address {@code system#domain}
     */
    public static EmsgAddress system(String domain) {
        return new EmsgAddress(SYSTEM_LOCAL, domain);
    }

    /**
     * Whether this is a server's own {@code system#domain} address.
     *
     * @return true if the local part is {@code system}
     */
    public boolean isSystem() {
        return SYSTEM_LOCAL.equals(local);
    }

    /**
     * Checks a domain name and returns it lower-cased.
     *
     * @param domain a DNS name of LDH labels
     * @return the domain in lower case
     * @throws IllegalArgumentException if it is not a valid domain name
     */
    public static String checkDomain(String domain) {
        Objects.requireNonNull(domain, "domain");
        String lower = domain.toLowerCase(Locale.ROOT);
        if (lower.isEmpty() || lower.length() > MAX_DOMAIN_LENGTH) {
            throw new IllegalArgumentException("domain must be 1-" + MAX_DOMAIN_LENGTH + " characters");
        }
        for (String label : lower.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                throw new IllegalArgumentException("domain labels must be letters, digits and inner hyphens");
            }
        }
        return lower;
    }

    @Override
    public String toString() {
        return local + "#" + domain;
    }
}
