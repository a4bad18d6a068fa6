package org.portfolio.platform.web.persistence;

import jakarta.persistence.AttributeConverter;

import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Stores a collection of short values (codes, enum names, grade labels: never containing a comma) in one column as
 * {@code "PEOPLE,MONEY"}, optionally in a fixed order; an empty or null column reads as an empty collection (values
 * that may contain a comma, such as free text: {@link JsonArrayConverter}, same constructor). A
 * service declares one concrete {@code @Converter} per element type, e.g.
 * <pre>{@code
 * @Converter
 * public class DomainsConverter extends CommaSeparatedConverter<AutonomyDomain, Set<AutonomyDomain>> {
 *     public DomainsConverter() {
 *         super(Enum::name, AutonomyDomain::valueOf, Comparator.naturalOrder(),
 *                 s -> s.collect(Collectors.toCollection(() -> EnumSet.noneOf(AutonomyDomain.class))));
 *     }
 * }
 * }</pre>
 */
public abstract class CommaSeparatedConverter<E, C extends Collection<E>> implements AttributeConverter<C, String> {

    private final Function<E, String> write;
    private final Function<String, E> read;
    private final Comparator<? super E> order;
    private final Function<Stream<E>, C> collect;

    /**
     * @param order   the order values are written in, or null to keep the collection's
     * @param collect the collection a column reads into (also the empty one)
     */
    protected CommaSeparatedConverter(Function<E, String> write, Function<String, E> read, Comparator<? super E> order,
                                      Function<Stream<E>, C> collect) {
        this.write = write;
        this.read = read;
        this.order = order;
        this.collect = collect;
    }

    @Override
    public String convertToDatabaseColumn(C values) {
        if (values == null) {
            return "";
        }
        Stream<E> s = values.stream();
        return (order == null ? s : s.sorted(order)).map(write).collect(Collectors.joining(","));
    }

    @Override
    public C convertToEntityAttribute(String column) {
        if (column == null || column.isBlank()) {
            return collect.apply(Stream.empty());
        }
        return collect.apply(Arrays.stream(column.split(",")).map(read));
    }
}
