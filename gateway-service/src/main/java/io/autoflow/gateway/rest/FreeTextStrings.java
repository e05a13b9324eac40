package io.autoflow.gateway.rest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;

/**
 * Every string the gateway's {@link ObjectMapper} reads into a {@code String} is free text: one holding a control
 * character other than TAB, LF and CR is refused with {@link InvalidCharacterException} (400 {@code invalid_character}
 * naming the field) before anything is stored. That covers every JSON request body and the JSON part {@code request}
 * of uploads. Internal services' answers are read as trees ({@code JsonNode}), which this leaves alone, as it does the
 * body of an API call ({@code JsonNode}), which is sent on as given and kept only as an encrypted file.
 */
@Singleton
public class FreeTextStrings implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new SimpleModule("free-text-strings").addDeserializer(String.class, new Reader()));
    }

    /** Jackson's own string reading, then the check. */
    static final class Reader extends StringDeserializer {

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = super.deserialize(parser, context);
            int at = ControlCharacters.inFreeText(text);
            if (at >= 0) {
                throw new InvalidCharacterException(parser, text.charAt(at));
            }
            return text;
        }
    }
}
