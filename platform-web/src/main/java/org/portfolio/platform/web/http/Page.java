package org.portfolio.platform.web.http;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.function.Function;

/** One page of a list answer. Pages are numbered from 0. */
@Schema(description = "One page of results")
public record Page<T>(
        @Schema(description = "The items on this page", required = true) List<T> items,
        @Schema(description = "Page number, from 0", examples = "0", required = true) int page,
        @Schema(description = "Page size", examples = "50", required = true) int size,
        @Schema(description = "Total number of items over all pages", examples = "123", required = true) long total) {

    public <R> Page<R> map(Function<T, R> f) {
        return new Page<>(items.stream().map(f).toList(), page, size, total);
    }
}
