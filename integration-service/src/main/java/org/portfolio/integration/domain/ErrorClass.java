package org.portfolio.integration.domain;

/** Why an attempt failed, in the delivery log. */
public enum ErrorClass {
    /** The endpoint answered, not with a 2xx (a redirect is not followed). */
    HTTP_STATUS,
    /** No answer within the request timeout. */
    TIMEOUT,
    /** No connection within the connect timeout. */
    CONNECT_TIMEOUT,
    /** The connection was refused. */
    CONNECTION_REFUSED,
    /** The host name did not resolve. */
    DNS,
    /** The host resolved to an address the SSRF guard refuses. */
    TARGET_REFUSED,
    /** The TLS handshake failed (certificate, protocol). */
    TLS,
    /** Any other transport failure (connection reset, closed early). */
    IO
}
