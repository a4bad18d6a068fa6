package org.portfolio.platform.web.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.CollectionType;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import jakarta.validation.constraints.Size;

import java.io.IOException;

/**
 * A list in a JSON body is held to its {@code @Size(max = n)} as it is read: at its (n+1)th item the read stops with
 * 400 naming the field ("size must be between …"), before any more items are built or validated. Bean Validation
 * checked the size only after every item was built, and validated every item too: 300 KB of empty provisions made
 * hundreds of thousands of violations and an error answer of megabytes, and ran contracts-service out of memory
 * (outside check of the twenty-second pass, H3). A list without {@code @Size} is read as before (its body's size
 * bounds it).
 */
@Singleton
public class BoundedLists implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new SimpleModule("portfolio-bounded-lists").setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyCollectionDeserializer(DeserializationConfig config, CollectionType type,
                                                                    BeanDescription beanDesc, JsonDeserializer<?> deserializer) {
                return new Bounded(deserializer, 0, -1);
            }
        }));
    }

    /** The list property's deserializer, held to the property's {@code @Size} (max −1: no bound). */
    static final class Bounded extends DelegatingDeserializer {

        private final int min;
        private final int max;

        Bounded(JsonDeserializer<?> delegate, int min, int max) {
            super(delegate);
            this.min = min;
            this.max = max;
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> newDelegatee) {
            return new Bounded(newDelegatee, min, max);
        }

        @Override
        public JsonDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property) throws JsonMappingException {
            JsonDeserializer<?> contextual = super.createContextual(ctxt, property);
            Size size = property == null ? null : property.getAnnotation(Size.class);
            if (size == null || size.max() == Integer.MAX_VALUE || !(contextual instanceof Bounded b)) {
                return contextual;
            }
            return new Bounded(b._delegatee, size.min(), size.max());
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (max < 0 || !p.isExpectedStartArrayToken()) {
                return _delegatee.deserialize(p, ctxt);
            }
            try {
                return _delegatee.deserialize(new Counting(p, max), ctxt);
            } catch (TooMany | JsonMappingException e) {
                if (e instanceof TooMany || tooMany(e)) {
                    throw new TooManyItemsException(p, min, max);
                }
                throw e;
            }
        }

        private static boolean tooMany(Throwable e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof TooMany) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Counts the items of one array as its deserializer reads them; one past {@code max} stops the read. */
    static final class Counting extends JsonParserDelegate {

        private final JsonStreamContext array;
        private final int max;

        Counting(JsonParser p, int max) {
            super(p);
            this.array = p.getParsingContext();
            this.max = max;
        }

        @Override
        public JsonToken nextToken() throws IOException {
            JsonToken t = delegate.nextToken();
            check(t);
            return t;
        }

        @Override
        public JsonToken nextValue() throws IOException {
            JsonToken t = delegate.nextValue();
            check(t);
            return t;
        }

        @Override
        public String nextTextValue() throws IOException {
            String s = delegate.nextTextValue();
            check(delegate.currentToken());
            return s;
        }

        private void check(JsonToken t) {
            if (t == null || t == JsonToken.END_ARRAY || t == JsonToken.END_OBJECT || t == JsonToken.FIELD_NAME) {
                return;
            }
            JsonStreamContext at = delegate.getParsingContext();
            if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                at = at.getParent();
            }
            if (at == array && array.getEntryCount() > max) {
                throw new TooMany();
            }
        }
    }

    /** Thrown inside the read, where Jackson wraps what it meets; turned into {@link TooManyItemsException} outside it. */
    static final class TooMany extends RuntimeException {
        TooMany() {
            super(null, null, false, false);
        }
    }

    /** A list longer than its {@code @Size} allows; the message is the rule, as Bean Validation words it. */
    public static final class TooManyItemsException extends MismatchedInputException {
        TooManyItemsException(JsonParser p, int min, int max) {
            super(p, "size must be between " + min + " and " + max, java.util.List.class);
        }
    }
}
