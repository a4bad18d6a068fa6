package org.portfolio.integration.domain;

import java.util.List;

/** One page of the feed: the rows the reader may see, the last row looked at, and whether the window ended before the feed. */
public record FeedWindow(List<FeedRow> rows, long lastScanned, boolean more) {
}
