package io.brigade.platform;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names a service on its application class. The service's configuration is read from {@code <name>.yml} instead of
 * {@code application.yml}, so services whose jars share one classpath (the devstack, tests that run two services) each
 * read their own file.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface BrigadeService {

    /** The service's name, which is also the base name of its configuration file, e.g. {@code kitchen-command}. */
    String value();
}
