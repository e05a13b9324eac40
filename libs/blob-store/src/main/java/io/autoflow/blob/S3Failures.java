package io.autoflow.blob;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.S3Error;

/**
 * S3's failures as the IOExceptions callers already handle, by the time the SDK has given up retrying: those that
 * clear by themselves (5xx but 501, throttling, no answer at all) as {@link BlobStoreUnavailableException}, the rest
 * (403 credentials, 404 bucket, 400, 501) as a plain IOException, a lasting configuration fault.
 */
final class S3Failures {

    /** Codes of DeleteObjects' per-key errors that clear by themselves. */
    private static final Set<String> TRANSIENT_CODES = Set.of("InternalError", "ServiceUnavailable", "SlowDown");

    private S3Failures() {
    }

    /** Makes one request; {@code what} ends "S3 could not ..." in the failure. */
    static <T> T call(String what, Supplier<T> request) throws IOException {
        try {
            return request.get();
        } catch (SdkException e) {
            throw of(what, e);
        }
    }

    static IOException of(String what, SdkException e) {
        String message = "S3 could not " + what + ": " + describe(e);
        if (e instanceof AbortedException) { // the thread was interrupted (work stopped at its deadline)
            IOException interrupted = new InterruptedIOException(message);
            interrupted.initCause(e);
            return interrupted;
        }
        return clearsByItself(e) ? new BlobStoreUnavailableException(message, e) : new IOException(message, e);
    }

    static IOException ofDeleteErrors(String what, List<S3Error> errors) {
        S3Error first = errors.get(0);
        String message = "S3 could not " + what + ": " + errors.size() + " keys failed, " + first.key() + ": "
                + first.code() + " " + first.message();
        return errors.stream().allMatch(error -> TRANSIENT_CODES.contains(error.code()))
                ? new BlobStoreUnavailableException(message, null) : new IOException(message);
    }

    /** With S3's answer, its status and error code first: "404 NoSuchBucket The specified bucket does not exist". */
    private static String describe(SdkException e) {
        if (e instanceof AwsServiceException answer && answer.awsErrorDetails() != null) {
            return answer.statusCode() + " " + answer.awsErrorDetails().errorCode() + " " + e.getMessage();
        }
        return e.getMessage();
    }

    private static boolean clearsByItself(SdkException e) {
        if (e instanceof AwsServiceException answer) {
            int status = answer.statusCode(); // 501 Not Implemented: the store lacks a feature, it will not clear
            return status >= 500 && status != 501 || status == 429 || answer.isThrottlingException();
        }
        // No answer: refused, reset, timed out, unknown host (SdkClientException over an IOException).
        if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException) {
            return true;
        }
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException) {
                return true;
            }
        }
        return false;
    }
}
