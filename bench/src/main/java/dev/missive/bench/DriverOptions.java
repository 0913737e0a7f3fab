package dev.missive.bench;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The {@code --name value} options of a load driver. {@code --help} anywhere prints the usage on
 * standard output and ends the driver with 0; an unknown option, a missing or repeated value, or a
 * value the driver refuses ({@link IllegalArgumentException}) prints one error line and the usage on
 * standard error and ends it with 2.
 */
public final class DriverOptions {

    private final String driver;
    private final String usage;
    private final Map<String, String> values;

    private DriverOptions(String driver, String usage, Map<String, String> values) {
        this.driver = driver;
        this.usage = usage;
        this.values = values;
    }

    /**
     * Reads {@code args}, or ends the driver as the class comment says.
     *
     * @param driver the driver's name, for the error line
     * @param usage the usage text
     * @param names the option names, without {@code --}
     * @param args the command line
     * @return the options given
     */
    public static DriverOptions parse(String driver, String usage, Set<String> names, String[] args) {
        if (Arrays.asList(args).contains("--help")) {
            System.out.println(usage);
            System.exit(0);
        }
        Map<String, String> values = new HashMap<>();
        DriverOptions options = new DriverOptions(driver, usage, values);
        for (int i = 0; i < args.length; i += 2) {
            String name = args[i].startsWith("--") ? args[i].substring(2) : "";
            if (!names.contains(name)) {
                options.refuse("unknown argument " + args[i]);
            } else if (i + 1 >= args.length) {
                options.refuse(args[i] + " needs a value");
            } else if (values.put(name, args[i + 1]) != null) {
                options.refuse(args[i] + " given twice");
            }
        }
        return options;
    }

    /** The value of {@code --name}, or {@code fallback} when it was not given. */
    public String get(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    /** The value of {@code --name} (or {@code fallback}) as a whole number of at least {@code minimum}. */
    public int count(String name, String fallback, int minimum) {
        try {
            return wholeNumber("--" + name, get(name, fallback), minimum);
        } catch (IllegalArgumentException e) {
            refuse(e.getMessage());
            return minimum; // not reached: refuse ends the driver
        }
    }

    /**
     * {@code text} as a whole number of at least {@code minimum}, for drivers that read positional
     * arguments too.
     *
     * @param what what the number is, for the message
     * @param text the argument
     * @param minimum the smallest value taken
     * @return the number
     * @throws IllegalArgumentException naming {@code what} and {@code text} if it is not one
     */
    public static int wholeNumber(String what, String text, int minimum) {
        try {
            int value = Integer.parseInt(text);
            if (value >= minimum) {
                return value;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new IllegalArgumentException(what + " takes a whole number of at least " + minimum + ", not " + text);
    }

    /** Prints {@code reason} and the usage on standard error and ends the driver with 2. */
    public void refuse(String reason) {
        System.err.println(driver + ": " + reason);
        System.err.println(usage);
        System.exit(2);
    }
}
