package org.portfolio.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** Drives the test infrastructure process: stop and restart the Kafka broker to simulate an outage. */
public final class InfraControl {

    private InfraControl() {
    }

    /** Stops the broker (its data is kept); producers and consumers see it as unreachable. */
    public static void stopBroker() {
        check(send("kafka-stop"));
    }

    /** Starts the broker again on the same port with the same data. */
    public static void startBroker() {
        check(send("kafka-start"));
    }

    static String send(String command) {
        String port = System.getProperty(RealInfrastructure.P_CONTROL_PORT);
        if (port == null) {
            throw new IllegalStateException("test infrastructure not started");
        }
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), Integer.parseInt(port));
             PrintWriter out = new PrintWriter(s.getOutputStream(), true, StandardCharsets.UTF_8);
             BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8))) {
            s.setSoTimeout(120_000);
            out.println(command);
            return in.readLine();
        } catch (IOException e) {
            throw new IllegalStateException("infra control failed: " + e, e);
        }
    }

    private static void check(String reply) {
        if (reply == null || !reply.startsWith("ok")) {
            throw new IllegalStateException("infra control: " + reply);
        }
    }
}
