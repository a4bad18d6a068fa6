package org.portfolio.enrollment.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** A share of a program's seats where one group is considered first: a flag (FRL, ELL, IEP…) or a priority group. */
@Embeddable
public class SetAside {

    @Column(name = "group_code", nullable = false, length = 40)
    public String group;

    @Column(name = "share_percent", nullable = false)
    public int sharePercent;

    public SetAside() {
    }

    public SetAside(String group, int sharePercent) {
        this.group = group;
        this.sharePercent = sharePercent;
    }

    /** Reserved seats of a program with the given seats: the share rounded half up. */
    public int seats(int programSeats) {
        return (int) Math.floor(programSeats * sharePercent / 100.0 + 0.5);
    }
}
