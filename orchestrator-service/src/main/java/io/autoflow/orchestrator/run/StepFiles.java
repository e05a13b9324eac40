package io.autoflow.orchestrator.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.autoflow.events.EventJson;
import io.autoflow.events.Intents;
import io.autoflow.events.result.StoredFile;

/** The file a step's job made, which a later step reads ({@code input}) or sends ({@code attach}). */
final class StepFiles {

    private StepFiles() {
    }

    /** The file in a finished job's result: an API's answer, converted data, or a report; null when there is none. */
    static StoredFile of(String workflowType, String outputData) {
        JsonNode result = EventJson.read(outputData, JsonNode.class);
        if (result == null || workflowType == null) {
            return null;
        }
        JsonNode file = switch (workflowType) {
            case Intents.API_AUTOMATION -> result.path("response");
            case Intents.DATA_TRANSFORM -> result.path("file");
            case Intents.DOCUMENT_ANALYTICS -> result.path("report");
            case Intents.NOTIFICATION -> result.path("attachment");
            default -> null;
        };
        if (file == null || !file.hasNonNull("key")) {
            return null;
        }
        return new StoredFile(file.path("key").asText(), file.path("media_type").asText(null),
                file.path("size_bytes").asLong(0));
    }

    /** The stored file's extension, from its key ({@code transforms/u/j/totals.xlsx} → {@code xlsx}). */
    static String extension(StoredFile file) {
        String key = file.key();
        String last = key.substring(key.lastIndexOf('/') + 1);
        int dot = last.lastIndexOf('.');
        return dot < 0 ? "" : last.substring(dot + 1);
    }

    /** A name for the file as the next step reads it: the step's name with the file's extension. */
    static String nameOf(String stepName, StoredFile file) {
        String extension = extension(file);
        return extension.isEmpty() ? stepName : stepName + "." + extension;
    }
}
