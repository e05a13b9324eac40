package io.autoflow.conversation.parse;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** One offline parser for the service, its model loaded at startup rather than on the first message. */
@ApplicationScoped
public class ParserProducer {

    @Produces
    @ApplicationScoped
    @Startup
    OfflineParser offlineParser() {
        return new OfflineParser(new IntentClassifier());
    }
}
