package org.kept.shared;

import org.springframework.stereotype.Component;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * Refuses JSON text containing a NUL character. PostgreSQL cannot store one and H2 silently can, so without this
 * the same request would be stored on one database and fail on the other; now it is invalid input on both.
 */
@Component
class TextWithoutNul extends SimpleModule {

    TextWithoutNul() {
        super("kept-text-without-nul");
        addDeserializer(String.class, new StringDeserializer() {
            @Override
            public String deserialize(JsonParser parser, DeserializationContext context) {
                String text = super.deserialize(parser, context);
                if (text != null && text.indexOf('\u0000') >= 0) {
                    return context.reportInputMismatch(String.class, "text must not contain a NUL character");
                }
                return text;
            }
        });
    }
}
