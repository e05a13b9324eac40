package io.autoflow.gateway.rest;

import java.util.Arrays;
import java.util.Locale;

/**
 * Every {@code code} the API answers an error with, its HTTP status and what it means: the one list the handlers,
 * the OpenAPI document's {@code Error.code} enum and the README's table of codes are all made from (ErrorCodeTest
 * keeps the README in step). A code is stable: rename none, add new ones at need.
 */
public enum ErrorCode {

    // The request itself
    INVALID_REQUEST(400, "The request is not valid: a field the API does not have, a value of the wrong type or out"
            + " of range, a missing value, or a body that is not JSON; param names the field"),
    BAD_REQUEST(400, "The request cannot be read as HTTP"),
    INVALID_CHARACTER(400, "A text holds a control character it may not (details.field, details.character)"),
    MALFORMED_MULTIPART(400, "A multipart body that cannot be read: no boundary, no parts, a part without a name,"
            + " cut short or in an unknown charset"),
    INVALID_IDEMPOTENCY_KEY(400, "Idempotency-Key is not 1 to 255 printable characters"),
    MISSING_FILE(400, "An upload without its file part"),
    EMPTY_FILE(400, "The uploaded document is empty"),
    MISSING_URL(400, "A call or fetch without a URL"),
    MISSING_MESSAGE(400, "A chat turn without a message"),
    MISSING_EMAIL(400, "An email delivery without an address"),
    MISSING_CRON(400, "A schedule without its cron expression"),
    MISSING_TASK(400, "A schedule without the task it runs"),
    INVALID_CREDENTIAL_NAME(400, "A credential's name is not 1 to 64 letters, digits, '-', '_' or '.'"),
    INVALID_CREDENTIAL_KIND(400, "A credential's kind is not bearer, header, basic or query, or the header_name,"
            + " username or parameter_name it needs is missing or not valid (param names it)"),
    MISSING_SECRET(400, "A credential without its secret"),
    INVALID_SECRET(400, "A credential's secret is longer than 8,192 characters or holds a control character"),
    // Credentials
    MISSING_CREDENTIALS(401, "No API key and no bearer token"),
    INVALID_API_KEY(401, "The API key is unknown, revoked or expired"),
    INVALID_TOKEN(401, "The bearer token is invalid, expired, or from another issuer or audience"),
    INVALID_SIGNATURE(401, "A webhook without a valid Standard Webhooks signature: webhook-id, webhook-timestamp"
            + " (within 5 minutes of now) and webhook-signature made with the workflow's secret"),
    FORBIDDEN(403, "The credential does not allow this (a role is missing)"),
    EMAIL_REQUIRED(403, "This needs an account with an email address"),
    // What the request names
    NOT_FOUND(404, "No such route"),
    JOB_NOT_FOUND(404, "No such job, or not the caller's"),
    REPORT_NOT_AVAILABLE(404, "The job has no report (yet), or it is no longer stored"),
    ATTACHMENT_NOT_FOUND(404, "The chat's attachment is not one of the caller's uploads"),
    SCHEDULE_NOT_FOUND(404, "No such schedule, or not the caller's"),
    API_KEY_NOT_FOUND(404, "No such API key, or not the caller's"),
    WEBHOOK_SECRET_NOT_FOUND(404, "No webhook secret yet"),
    USER_NOT_FOUND(404, "No such user (administration)"),
    LINK_NOT_VALID(404, "The download link is unknown, altered or expired"),
    DEAD_LETTER_TOPIC_NOT_FOUND(404, "No such dead-letter topic (administration)"),
    DEAD_LETTER_NOT_FOUND(404, "No such dead letter (administration)"),
    CREDENTIAL_NOT_FOUND(404, "No such credential, or not the caller's"),
    WORKFLOW_NOT_FOUND(404, "No such workflow, or not the caller's"),
    WEBHOOK_NOT_FOUND(404, "No webhook at this address: the workflow is gone, or its trigger is no longer a webhook"),
    METHOD_NOT_ALLOWED(405, "The route does not take this method"),
    NOT_ACCEPTABLE(406, "The route cannot answer in an accepted media type"),
    ACCOUNT_CONFLICT(409, "Another account already has this identity"),
    IDEMPOTENCY_REQUEST_IN_PROGRESS(409, "A request with this Idempotency-Key is still running: retry soon"),
    CREDENTIAL_EXISTS(409, "The caller already has a credential of this name"),
    RUN_FINISHED(409, "The workflow run has already ended: there is nothing left to cancel"),
    NOT_CANCELLABLE(409, "The job is not a workflow run (a single job, or a run's step): only a run is cancelled"),
    RUN_NOT_FAILED(409, "Only a failed workflow run starts again from its failed step: this job is under way,"
            + " completed, or not a run"),
    WORKFLOW_DISABLED(409, "The workflow is disabled: its webhook starts no run until it is enabled again"),
    // Sizes and types
    FILE_TOO_LARGE(413, "The document is larger than the caller's tier allows"),
    BODY_TOO_LARGE(413, "The request body is larger than the route allows"),
    MESSAGE_TOO_LONG(413, "A chat message is longer than 4,000 characters"),
    PAYLOAD_TOO_LARGE(413, "The request is larger than the server takes"),
    UNSUPPORTED_MEDIA_TYPE(415, "The route does not take this Content-Type"),
    UNSUPPORTED_FILE_TYPE(415, "The document's type is not one this accepts"),
    FILE_TYPE_MISMATCH(415, "The document's content is not what its name or type says"),
    // Understood, but not something that can be done
    INVALID_DELIVERY(422, "The delivery is not download, email or webhook"),
    INVALID_EMAIL(422, "The email address is not valid"),
    MISSING_WEBHOOK_URL(422, "A webhook delivery without output.webhook_url"),
    INVALID_OUTPUT_FORMAT(422, "The report format is not pdf, ppt or excel"),
    INVALID_TARGET_FORMAT(422, "The conversion's target format is not one offered"),
    INVALID_OPERATION(422, "A data operation that cannot run (details.operation from 0, details.field; in a"
            + " workflow details.step)"),
    INVALID_EXPRESSION(422, "A JSONata expression that does not parse (details.field, details.position,"
            + " details.near; details.operation or details.step where it is)"),
    INVALID_WORKFLOW(422, "A workflow that could not run (details.step from 0, absent for the workflow's own fields;"
            + " details.field)"),
    TOO_MANY_STEPS(422, "The workflow has more steps than the caller's tier allows (details.max_steps)"),
    INVALID_METHOD(422, "The API call's method is not GET, POST, PUT, PATCH or DELETE"),
    INVALID_HEADER(422, "An API call header that cannot be sent"),
    INVALID_NAME(422, "The name is empty or too long"),
    INVALID_EXPIRY(422, "The API key's expiry is not in the future"),
    TOO_MANY_API_KEYS(422, "The caller has as many API keys as allowed"),
    TOO_MANY_CREDENTIALS(422, "The caller has as many credentials as allowed"),
    TOO_MANY_WORKFLOWS(422, "The caller has as many workflows as allowed"),
    INVALID_TIME_ZONE(422, "Not an IANA time zone such as Europe/Paris"),
    INVALID_TIER(422, "Not a tier (administration)"),
    INVALID_CRON(422, "The cron expression cannot be read, or never runs"),
    SCHEDULE_TOO_FREQUENT(422, "The schedule runs more often than the caller's tier allows"),
    URL_NOT_ALLOWED(422, "The URL may not be called: not http(s), or a private, loopback or link-local address"),
    URL_UNREACHABLE(422, "The URL's host cannot be reached"),
    URL_FETCH_FAILED(422, "The URL answered with an error"),
    MALWARE_DETECTED(422, "The document holds malware"),
    IDEMPOTENCY_KEY_REUSED(422, "The Idempotency-Key was used for another request"),
    RATE_LIMITED(429, "The tier's requests per day are used up (see Retry-After)"),
    // Ours
    INTERNAL_ERROR(500, "Our failure; nothing was kept"),
    SERVICE_UNAVAILABLE(503, "The platform is busy or a part of it is down: try again (see Retry-After)"),
    ORCHESTRATOR_UNAVAILABLE(503, "Job status cannot be read right now: try again"),
    SCHEDULER_UNAVAILABLE(503, "Schedules cannot be read or changed right now: try again"),
    CONVERSATION_UNAVAILABLE(503, "Messages cannot be understood right now: try again"),
    NOTIFICATION_UNAVAILABLE(503, "Notification settings cannot be read or changed right now: try again"),
    EXPORT_UNAVAILABLE(503, "The account's export cannot be made right now: try again"),
    RATE_LIMIT_UNAVAILABLE(503, "Requests cannot be counted right now: try again"),
    MALWARE_SCAN_UNAVAILABLE(503, "Documents cannot be scanned right now: try again"),
    STORAGE_UNAVAILABLE(503, "Files cannot be stored or read right now: try again (see Retry-After)"),
    DEAD_LETTERS_UNAVAILABLE(503, "Dead letters cannot be read right now (administration)"),
    CREDENTIALS_UNAVAILABLE(503, "Credentials cannot be read or changed right now: try again"),
    WORKFLOWS_UNAVAILABLE(503, "Workflows cannot be read or changed right now: try again"),
    URL_FETCH_TIMEOUT(504, "The URL did not answer in time");

    private final int status;
    private final String description;

    ErrorCode(int status, String description) {
        this.status = status;
        this.description = description;
    }

    /** The code as the API spells it: lower_snake_case. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public int status() {
        return status;
    }

    /** The status's reason phrase (RFC 9110), RFC 9457's {@code title} for a problem of type about:blank. */
    public String title() {
        if (status == 422) {
            return "Unprocessable Content"; // not in Jakarta REST's Status
        }
        return jakarta.ws.rs.core.Response.Status.fromStatusCode(status).getReasonPhrase();
    }

    public String description() {
        return description;
    }

    /** The constant for a code from elsewhere (a document refused by {@code libs/ingest}). */
    public static ErrorCode of(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }

    /** The general code of a status the framework answered itself (no route, wrong method, …). */
    public static ErrorCode ofStatus(int status) {
        return switch (status) {
            case 401 -> INVALID_TOKEN;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            default -> status >= 500 ? INTERNAL_ERROR : BAD_REQUEST;
        };
    }

    /** Every code, for the document's enum. */
    public static String[] codes() {
        return Arrays.stream(values()).map(ErrorCode::code).toArray(String[]::new);
    }
}
