package org.portfolio.enrollment.domain;

/**
 * A block of a program's seats as a match left them: 0 = the open seats, k = the program's k-th set-aside (its
 * {@code group}; null for the open seats). The cutoff fields say who was admitted last, by priority group, set-aside
 * membership (always true for the open seats) and lottery number; they are null when the block did not fill.
 */
public record SeatBlock(int block, String group, int seats, int filled, PriorityGroup cutoffGroup, Boolean cutoffMember,
                        Double cutoffLottery) {
}
