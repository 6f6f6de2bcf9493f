package dev.benchy.openai;

import dev.benchy.core.stream.ErrorReason;
import io.netty.channel.ConnectTimeoutException;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.StreamResetException;

import javax.net.ssl.SSLException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * What went wrong with a request, in words a user can act on: the status and the start of the body the server sent,
 * or the network failure naming the peer. The api key and every header value are masked out of every text, even one
 * a careless server echoes back.
 */
final class FailureText {

    static final int ERROR_BODY_LIMIT = 2048;
    private static final String MASK = "***";

    private final BaseUrl address;
    private final List<String> secrets;

    FailureText(BaseUrl address, List<String> secrets) {
        this.address = address;
        // longest first, so a secret that contains another is masked whole
        this.secrets = secrets.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    String status(int status, byte[] body, int length) {
        return body("HTTP " + status, body, length);
    }

    /** {@code what}, then the start of the body the server sent with it. */
    String body(String what, byte[] body, int length) {
        String text = new String(body, 0, Math.min(length, ERROR_BODY_LIMIT), StandardCharsets.UTF_8).strip();
        return redact(text.isEmpty() ? what : what + ": " + text);
    }

    /** Says what a network failure was, in words that name the peer; never the key. */
    String of(Throwable failure) {
        String peer = address.host() + ":" + address.port();
        String message = failure.getMessage() == null ? "" : failure.getMessage();
        String text;
        if (failure instanceof ConnectTimeoutException) {
            text = "connect timed out: " + peer;
        } else if (failure instanceof ConnectException) {
            // NIO says "Connection refused: host/ip:port", the native transport "finishConnect(..) failed with
            // error(-111): Connection refused: ..."
            text = message.toLowerCase(Locale.ROOT).contains("connection refused")
                    ? "connection refused: " + peer : "cannot connect to " + peer + ": " + message;
        } else if (failure instanceof UnknownHostException) {
            text = "unknown host: " + address.host();
        } else if (failure instanceof HttpClosedException) {
            text = "connection closed by " + peer;
        } else if (failure instanceof StreamResetException) {
            text = "stream reset by " + peer;
        } else if (failure instanceof SSLException) {
            text = "TLS with " + peer + " failed: " + message;
        } else {
            text = failure.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message) + " (" + peer + ")";
        }
        return redact(text);
    }

    /** The bounded reason of a network failure: no connection, or a connection that broke. */
    static ErrorReason reason(Throwable failure) {
        if (failure instanceof ConnectTimeoutException || failure instanceof ConnectException
                || failure instanceof UnknownHostException || failure instanceof SSLException) {
            return ErrorReason.CONNECT;
        }
        if (failure instanceof HttpClosedException || failure instanceof StreamResetException
                || failure instanceof IOException) {
            return ErrorReason.CUT;
        }
        return ErrorReason.OTHER;
    }

    String redact(String text) {
        if (text == null) {
            return null;
        }
        String safe = text;
        for (String secret : secrets) {
            safe = safe.replace(secret, MASK);
        }
        return safe;
    }
}
