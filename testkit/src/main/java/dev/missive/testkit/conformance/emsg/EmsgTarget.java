package dev.missive.testkit.conformance.emsg;

import dev.missive.emsg.model.EmsgAddress;
import dev.missive.emsg.model.EmsgSigningKey;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The EMSG server under test.
 *
 * @param host        its host name or address
 * @param port        its ESMP port (plain TCP)
 * @param domain      the domain it is home to (what its {@code hello} says); lower-cased
 * @param accounts    pre-provisioned accounts for a server with closed registration (at least two),
 *                    or empty: the suite then registers its own accounts ({@code --registration open})
 * @param idleTimeout the target's idle timeout when it is short enough to wait for, else null (the
 *                    idle checks are then skipped: {@code docs/emsg.md} documents an hour)
 */
public record EmsgTarget(String host, int port, String domain, List<Account> accounts, Duration idleTimeout) {

    /**
     * An account the operator created on the target, with its private key.
     *
     * @param address the account's address, of the target's domain
     * @param key     its signing key (the kid the server knows)
     */
    public record Account(EmsgAddress address, EmsgSigningKey key) {

        /** Validates the components. */
        public Account {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(key, "key");
        }

        @Override
        public String toString() {
            return address.toString();
        }
    }

    /**
     * Validates the components.
     *
     * @throws IllegalArgumentException if the domain is not a domain name, the port is out of range,
     *     only one account is given or one is of another domain, or the idle timeout is not positive
     */
    public EmsgTarget {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(domain, "domain");
        domain = EmsgAddress.checkDomain(domain);
        accounts = List.copyOf(accounts);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (accounts.size() == 1) {
            throw new IllegalArgumentException("pre-provisioned accounts: give at least two");
        }
        for (Account account : accounts) {
            if (!account.address().domain().equals(domain)) {
                throw new IllegalArgumentException("account " + account + " is not of " + domain);
            }
        }
        if (idleTimeout != null && (idleTimeout.isNegative() || idleTimeout.isZero())) {
            throw new IllegalArgumentException("idleTimeout must be positive");
        }
    }

    /**
     * A target whose server runs with open registration and the documented hour of idle timeout.
     *
     * @param host   its host
     * @param port   its port
     * @param domain its domain
     * @return the target
     */
    public static EmsgTarget openRegistration(String host, int port, String domain) {
        return new EmsgTarget(host, port, domain, List.of(), null);
    }

    /**
     * {@code host:port (domain D, open registration)}.
     *
     * @return the description used in reports
     */
    public String describe() {
        return host + ":" + port + " (domain " + domain + ", "
                + (accounts.isEmpty() ? "open registration" : accounts.size() + " pre-provisioned accounts") + ")";
    }
}
