package io.autoflow.gateway.rest;

import io.autoflow.service.files.FileNames;

/**
 * The {@code Content-Disposition} of a download, as RFC 6266 says: the name in UTF-8 ({@code filename*}, RFC 8187)
 * and an ASCII {@code filename} for older clients, both from {@link FileNames}, which emails' attachments use too.
 */
public final class ContentDisposition {

    private ContentDisposition() {
    }

    public static String attachment(String fileName) {
        String name = FileNames.safe(fileName);
        return "attachment; filename=\"" + FileNames.asciiFallback(name) + "\"; filename*=UTF-8''"
                + FileNames.percentEncoded(name);
    }
}
