package dev.missive.cli.openmsg;

import dev.missive.openmsg.model.InvalidAddressException;
import dev.missive.openmsg.model.OpenmsgAddress;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Parses an {@code ID*DOMAIN} option value; a malformed one is a usage error (exit 2) naming the
 * value and the rule it breaks.
 */
final class AddressOption implements ITypeConverter<OpenmsgAddress> {

    @Override
    public OpenmsgAddress convert(String value) {
        try {
            return OpenmsgAddress.parse(value);
        } catch (InvalidAddressException e) {
            throw new TypeConversionException("'" + value + "' is not an address ID*DOMAIN (" + e.getMessage() + ")");
        }
    }

    /** Parses a local user id: digits only, as in the id part of an address. */
    static final class UserId implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            if (!OpenmsgAddress.isValidId(value)) {
                throw new TypeConversionException("'" + value + "' is not a user id (a non-empty string of digits)");
            }
            return value;
        }
    }
}
