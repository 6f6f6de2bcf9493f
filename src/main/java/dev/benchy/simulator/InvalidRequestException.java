package dev.benchy.simulator;

/**
 * A request the simulator refuses with 400, naming the offending field as OpenAI's {@code param}.
 */
final class InvalidRequestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String param;

    InvalidRequestException(String param, String message) {
        super(message);
        this.param = param;
    }

    /** The request field at fault, or null when the body as a whole is. */
    String param() {
        return param;
    }
}
