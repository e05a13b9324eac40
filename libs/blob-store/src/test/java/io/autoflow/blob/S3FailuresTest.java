package io.autoflow.blob;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.S3Error;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Which of S3's failures clear by themselves, for those a test server does not readily give (S3BlobStoreTest). */
class S3FailuresTest {

    @Test
    void serverErrorsAndThrottlingClearButNotImplementedAndRefusalsDoNot() {
        assertThat(S3Failures.of("x", answer(500, "InternalError"))).isInstanceOf(BlobStoreUnavailableException.class);
        assertThat(S3Failures.of("x", answer(503, "SlowDown"))).isInstanceOf(BlobStoreUnavailableException.class);
        assertThat(S3Failures.of("x", answer(429, "TooManyRequests")))
                .isInstanceOf(BlobStoreUnavailableException.class);
        for (IOException lasting : List.of(S3Failures.of("x", answer(501, "NotImplemented")),
                S3Failures.of("x", answer(403, "AccessDenied")), S3Failures.of("x", answer(400, "InvalidRequest")))) {
            assertThat(lasting).isNotInstanceOf(BlobStoreUnavailableException.class);
        }
        assertThat(S3Failures.of("read a/b", answer(403, "AccessDenied")))
                .hasMessageStartingWith("S3 could not read a/b: 403 AccessDenied");
    }

    @Test
    void noAnswerClearsAClientSideFaultDoesNot() {
        assertThat(S3Failures.of("x", SdkClientException.create("Unable to execute HTTP request",
                new ConnectException("Connection refused")))).isInstanceOf(BlobStoreUnavailableException.class);
        assertThat(S3Failures.of("x", SdkClientException.create("Unable to load credentials from any provider")))
                .isNotInstanceOf(BlobStoreUnavailableException.class);
        assertThat(S3Failures.of("x", AbortedException.create("Thread was interrupted")))
                .isInstanceOf(InterruptedIOException.class);
    }

    @Test
    void aBatchDeleteFailsForItsWorstKey() {
        S3Error busy = S3Error.builder().key("a/1").code("InternalError").message("try again").build();
        S3Error denied = S3Error.builder().key("a/2").code("AccessDenied").message("no").build();
        assertThat(S3Failures.ofDeleteErrors("delete under a/", List.of(busy)))
                .isInstanceOf(BlobStoreUnavailableException.class);
        assertThat(S3Failures.ofDeleteErrors("delete under a/", List.of(busy, denied)))
                .isNotInstanceOf(BlobStoreUnavailableException.class).hasMessageContaining("2 keys failed");
    }

    private static S3Exception answer(int status, String code) {
        return (S3Exception) S3Exception.builder().statusCode(status).message(code + " message")
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(code + " message").build())
                .build();
    }
}
