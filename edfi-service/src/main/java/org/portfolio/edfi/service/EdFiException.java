package org.portfolio.edfi.service;

import java.util.List;
import java.util.Map;

/**
 * An error answered in Ed-Fi's shape (ODS/API 7: problem details with an Ed-Fi {@code type}, {@code correlationId} and
 * {@code validationErrors}), which the suite's problem+json also fits. Messages never repeat a student identifier.
 */
public class EdFiException extends RuntimeException {

    public static final String DATA_VALIDATION_FAILED = "urn:ed-fi:api:bad-request:data-validation-failed";
    public static final String KEY_CHANGE_NOT_SUPPORTED = "urn:ed-fi:api:bad-request:data-validation-failed:key-change-not-supported";
    public static final String BAD_REQUEST = "urn:ed-fi:api:bad-request";
    public static final String NOT_FOUND = "urn:ed-fi:api:not-found";
    public static final String ACCESS_DENIED = "urn:ed-fi:api:security:authorization:access-denied";
    public static final String PAYLOAD_TOO_LARGE = "urn:ed-fi:api:payload-too-large";
    public static final String OPTIMISTIC_LOCK_FAILED = "urn:ed-fi:api:optimistic-lock-failed";

    private final int status;
    private final String type;
    private final String title;
    private final Map<String, List<String>> validationErrors;

    public EdFiException(int status, String type, String title, String detail, Map<String, List<String>> validationErrors) {
        super(detail, null, false, false);
        this.status = status;
        this.type = type;
        this.title = title;
        this.validationErrors = validationErrors == null ? Map.of() : validationErrors;
    }

    public static EdFiException validation(Map<String, List<String>> errors) {
        return new EdFiException(400, DATA_VALIDATION_FAILED, "Data Validation Failed",
                "Data validation failed. See 'validationErrors' for details.", errors);
    }

    public static EdFiException validation(String path, String message) {
        return validation(Map.of(path, List.of(message)));
    }

    public static EdFiException badRequest(String detail) {
        return new EdFiException(400, BAD_REQUEST, "Bad Request", detail, null);
    }

    public static EdFiException notFound(String detail) {
        return new EdFiException(404, NOT_FOUND, "Not Found", detail, null);
    }

    /** 412, as Ed-Fi answers a PUT or DELETE whose If-Match does not name the stored version. */
    public static EdFiException optimisticLockFailed() {
        return new EdFiException(412, OPTIMISTIC_LOCK_FAILED, "Optimistic Lock Failed",
                "The resource item has been modified by another user: its etag does not match the If-Match header.", null);
    }

    public static EdFiException denied(String detail) {
        return new EdFiException(403, ACCESS_DENIED, "Authorization Denied", detail, null);
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public Map<String, List<String>> validationErrors() {
        return validationErrors;
    }
}
