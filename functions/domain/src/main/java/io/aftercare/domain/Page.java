package io.aftercare.domain;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** One page of results and the opaque token for the next one, if there is more. */
public record Page<T>(List<T> items, Optional<String> nextPageToken) {

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), nextPageToken);
    }
}
