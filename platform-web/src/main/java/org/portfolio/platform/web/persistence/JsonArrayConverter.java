package org.portfolio.platform.web.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.persistence.AttributeConverter;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Stores a collection of values that may contain any character (free text: a request's expected outcomes, which hold
 * commas) in one column as a JSON array of strings, {@code ["Raise attendance, grade 9","…"]}; an empty or null column
 * reads as an empty collection. The sibling of {@link CommaSeparatedConverter}, with the same constructor: that one is
 * for short codes that never contain a comma (its column reads as {@code PEOPLE,MONEY} in SQL); this one for anything
 * else. The two formats are different on purpose: a comma-separated column cannot hold text with commas, and moving
 * the code columns to JSON would rewrite rows (and the SQL that reads them) for nothing. A service declares one
 * concrete {@code @Converter} per element type, e.g.
 * <pre>{@code
 * @Converter
 * public class TextListConverter extends JsonArrayConverter<String, List<String>> {
 *     public TextListConverter() {
 *         super(Function.identity(), Function.identity(), null, Stream::toList);
 *     }
 * }
 * }</pre>
 * The column is written exactly as Jackson writes a {@code List<String>} (no spaces, JSON escapes), the format
 * autonomy-service's grants and requests have always been stored in.
 */
public abstract class JsonArrayConverter<E, C extends Collection<E>> implements AttributeConverter<C, String> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private final Function<E, String> write;
    private final Function<String, E> read;
    private final Comparator<? super E> order;
    private final Function<Stream<E>, C> collect;

    /**
     * @param order   the order values are written in, or null to keep the collection's
     * @param collect the collection a column reads into (also the empty one)
     */
    protected JsonArrayConverter(Function<E, String> write, Function<String, E> read, Comparator<? super E> order,
                                 Function<Stream<E>, C> collect) {
        this.write = write;
        this.read = read;
        this.order = order;
        this.collect = collect;
    }

    @Override
    public String convertToDatabaseColumn(C values) {
        Stream<E> s = values == null ? Stream.empty() : values.stream();
        List<String> out = (order == null ? s : s.sorted(order)).map(write).toList();
        try {
            return JSON.writeValueAsString(out);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Override
    public C convertToEntityAttribute(String column) {
        if (column == null || column.isBlank()) {
            return collect.apply(Stream.empty());
        }
        List<String> values;
        try {
            values = JSON.readValue(column, STRINGS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not a JSON array of strings: "
                    + column.substring(0, Math.min(column.length(), 100)), e);
        }
        return collect.apply(values == null ? Stream.empty() : values.stream().map(read));
    }
}
