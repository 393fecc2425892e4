package dev.teammate.config;

/** Where the hub's settings file is: {@code application.properties} in the working folder, unless told otherwise. */
public final class ConfigLocation {

    /** JVM system property naming another settings file. */
    public static final String PROPERTY = "teammate.config";

    private ConfigLocation() {
    }

    /** The settings file as a Camel properties location. */
    public static String location() {
        return "file:" + System.getProperty(PROPERTY, "application.properties");
    }
}
