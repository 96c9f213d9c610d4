package io.brigade.platform.test;

/** STOMP 1.2 frames as text, for clients that speak STOMP over a plain websocket. */
public final class StompFrames {

    private StompFrames() {
    }

    /** CONNECT with the caller's access token, as the app's screens send it. */
    public static String connect(String accessToken) {
        return "CONNECT\naccept-version:1.2\nhost:localhost\nAuthorization:Bearer " + accessToken + "\n\n\u0000";
    }

    /** SUBSCRIBE to {@code destination} as subscription {@code id}. */
    public static String subscribe(String id, String destination) {
        return "SUBSCRIBE\nid:" + id + "\ndestination:" + destination + "\n\n\u0000";
    }
}
