package io.brigade.devstack;

import io.brigade.platform.embedded.EmbeddedKafkaServer;
import io.brigade.platform.embedded.EmbeddedPostgresServer;
import org.springframework.boot.builder.SpringApplicationBuilder;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

/**
 * The JVM of one part of a {@code --processes} devstack: {@code postgres PORT DIR DURABLE}, {@code kafka PORT DIR
 * DURABLE} or {@code service NAME --property=value...}. It prints {@link #READY} once it serves, and stops (its
 * shutdown hooks run) when the devstack that started it ends, even by {@code kill -9}, so no part outlives it.
 */
final class DevstackPart {

    static final String READY = "brigade-part-ready";

    private DevstackPart() {
    }

    static boolean isPart(String command) {
        return command.equals("postgres") || command.equals("kafka") || command.equals("service");
    }

    static void run(String[] args) throws InterruptedException {
        endWithParent();
        switch (args[0]) {
            case "postgres" -> {
                EmbeddedPostgresServer postgres = EmbeddedPostgresServer.persistent(Integer.parseInt(args[1]),
                        Path.of(args[2]), Boolean.parseBoolean(args[3]));
                Runtime.getRuntime().addShutdownHook(new Thread(postgres::close, "postgres-stop"));
                long server = postgres.pid().orElse(-1L);
                // the server itself may be the one killed: then this part ends too, and is started again
                ProcessHandle.of(server).ifPresent(handle -> handle.onExit().thenRun(() -> {
                    System.out.println("PostgreSQL (process " + server + ") ended");
                    Runtime.getRuntime().halt(3);
                }));
                System.out.println(READY + " server process " + server);
            }
            case "kafka" -> {
                EmbeddedKafkaServer kafka = EmbeddedKafkaServer.persistent(Integer.parseInt(args[1]),
                        Path.of(args[2]), Boolean.parseBoolean(args[3]));
                Runtime.getRuntime().addShutdownHook(new Thread(kafka::close, "kafka-stop"));
                System.out.println(READY);
            }
            case "service" -> {
                ServiceModule service = ServiceModule.named(args[1]);
                new SpringApplicationBuilder(service.application())
                        .run(Arrays.copyOfRange(args, 2, args.length));
                System.out.println(READY);
            }
            default -> throw new IllegalArgumentException("Unknown part " + args[0]);
        }
        new CountDownLatch(1).await();
    }

    private static void endWithParent() {
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> {
            System.out.println("The devstack (process " + parent.pid() + ") ended: stopping");
            System.exit(0);
        }));
    }
}
