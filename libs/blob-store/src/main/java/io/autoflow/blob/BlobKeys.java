package io.autoflow.blob;

import java.util.regex.Pattern;

/**
 * What a key is, the same in every store, so a key valid in one is valid in the other: a relative path of
 * {@code [A-Za-z0-9._-]} segments separated by {@code /}, none of them {@code .} or {@code ..}.
 */
final class BlobKeys {

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._-]+");

    private BlobKeys() {
    }

    static String checked(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("Blob key is empty");
        }
        for (String segment : key.split("/", -1)) {
            if (!SEGMENT.matcher(segment).matches() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("Invalid blob key: " + key);
            }
        }
        return key;
    }

    /** A prefix is a key followed by {@code /}, such as {@code uploads/<user>/}. */
    static String checkedPrefix(String prefix) {
        if (prefix == null || !prefix.endsWith("/")) {
            throw new IllegalArgumentException("A prefix ends with /: " + prefix);
        }
        checked(prefix.substring(0, prefix.length() - 1));
        return prefix;
    }
}
