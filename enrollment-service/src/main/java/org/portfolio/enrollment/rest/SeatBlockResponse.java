package org.portfolio.enrollment.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.portfolio.enrollment.domain.PriorityGroup;
import org.portfolio.enrollment.domain.SeatBlock;

/** A seat block as the statistics and the match summary answer it (one record for both: the same figures). */
@Schema(name = "Block", description = "A block of a program's seats: the open seats (block 0) or a set-aside",
        requiredProperties = {"block", "seats", "filled"})
public record SeatBlockResponse(@Schema(description = "0 = the open seats, k = the program's k-th set-aside") int block,
                                @Schema(description = "The set-aside's group (absent for the open seats)") String group,
                                int seats, int filled,
                                @Schema(description = "Priority group of the last applicant admitted (absent if the block did not fill)")
                                PriorityGroup cutoffGroup,
                                @Schema(description = "Whether that applicant belongs to the set-aside's group (absent if the block "
                                        + "did not fill)") Boolean cutoffMember,
                                @Schema(description = "Lottery number of that applicant (absent if the block did not fill)")
                                Double cutoffLottery) {

    static SeatBlockResponse of(SeatBlock b) {
        return new SeatBlockResponse(b.block(), b.group(), b.seats(), b.filled(), b.cutoffGroup(), b.cutoffMember(), b.cutoffLottery());
    }
}
