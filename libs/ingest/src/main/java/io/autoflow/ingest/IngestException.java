package io.autoflow.ingest;

import io.autoflow.events.CodedException;

/**
 * Why a document was not let in, with the stable code a client or a failed job reports: {@code url_not_allowed},
 * {@code url_unreachable} (the host does not resolve), {@code url_fetch_failed}, {@code url_fetch_timeout},
 * {@code file_too_large}, {@code empty_file}, {@code unsupported_file_type}, {@code file_type_mismatch},
 * {@code malware_detected}, {@code malware_scan_unavailable}.
 */
public class IngestException extends CodedException {

    public IngestException(String code, String message) {
        super(code, message, false);
    }
}
