package org.portfolio.enrollment.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** The seats a later round's programs must leave alone: the offers still held at their copies in every earlier round. */
@ApplicationScoped
public class EarlierRounds {

    @Inject
    MatchStore store;

    /**
     * Offers still held (OFFERED or ACCEPTED) at a program's copies in earlier rounds: all of them, and per set-aside
     * group those held in that group's reserved block (a waitlist offer keeps the block of the seat it took).
     */
    public record Held(int total, Map<String, Integer> reservedByGroup) {
        public static final Held NONE = new Held(0, Map.of());
    }

    /**
     * Per program of this period: the offers still held at its copies in every earlier round (round n's program copies
     * round n−1's, which copies …). Only the previous round's were subtracted: round 2 gives no seat when round 1 filled
     * them, and round 3 then offered round 1's held seats again (third pass of 2026-12-05). The reserved block an offer
     * holds is named by its group, as the earlier round's match recorded it (a later round's set-asides may differ).
     */
    public Map<UUID, Held> held(UUID periodId) {
        Map<UUID, Integer> total = new HashMap<>();
        Map<UUID, Map<String, Integer>> reserved = new HashMap<>();
        for (Object[] r : store.query("""
                with recursive chain(root, program_id, depth) as (
                    select id, source_program_id, 1 from program where period_id = ? and source_program_id is not null
                    union all
                    select c.root, p.source_program_id, c.depth + 1 from chain c join program p on p.id = c.program_id
                     where p.source_program_id is not null and c.depth < 1000)
                select c.root, b.group_code, count(o.id) from chain c join offer o on o.program_id = c.program_id
                  left join program_block b on b.program_id = o.program_id and b.block = o.block and o.block > 0
                 where o.status in ('OFFERED', 'ACCEPTED') group by c.root, b.group_code""", periodId)) {
            UUID program = (UUID) r[0];
            int n = ((Number) r[2]).intValue();
            total.merge(program, n, Integer::sum);
            if (r[1] != null) {
                reserved.computeIfAbsent(program, k -> new HashMap<>()).merge((String) r[1], n, Integer::sum);
            }
        }
        Map<UUID, Held> out = new HashMap<>();
        total.forEach((program, n) -> out.put(program, new Held(n, reserved.getOrDefault(program, Map.of()))));
        return out;
    }
}
