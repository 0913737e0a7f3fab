package dev.missive.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** The Missive SDK version this CLI was built from, and the Java runtime it runs on. */
public final class SdkVersion implements IVersionProvider {

    private static final String RESOURCE = "version.properties";

    /** Picocli instantiates the provider for {@code --version}. */
    public SdkVersion() {}

    /**
     * The SDK version, e.g. {@code 0.1.0}, recorded in the jar at build time.
     *
     * @return the version text
     */
    public static String sdk() {
        try (InputStream in = SdkVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the build");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The running Java: its version ({@link Runtime#version()}), vendor and VM.
     *
     * @return one line, e.g. {@code Java 25.0.1+8 (Eclipse Adoptium, OpenJDK 64-Bit Server VM)}
     */
    public static String jdk() {
        return "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ", "
                + System.getProperty("java.vm.name") + ")";
    }

    @Override
    public String[] getVersion() {
        return new String[] {"missive " + sdk(), jdk()};
    }
}
