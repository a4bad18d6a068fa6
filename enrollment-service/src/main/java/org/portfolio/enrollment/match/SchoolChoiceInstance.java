package org.portfolio.enrollment.match;

/**
 * A {@code school-choice-instance/v1} instance in arrays (see /shared/school-choice-instance.md): programs with
 * capacities, students with one lottery number and ranked programs, and the priority group of each student at each
 * program it ranks (aligned with its choices).
 */
public final class SchoolChoiceInstance {

    public final String[] programIds;
    public final int[] capacity;
    public final String[] studentIds;
    public final double[] lottery;
    public final int[] choiceStart;
    public final int[] choiceProgram;
    public final int[] choicePriority;

    public SchoolChoiceInstance(String[] programIds, int[] capacity, String[] studentIds, double[] lottery,
                                int[] choiceStart, int[] choiceProgram, int[] choicePriority) {
        this.programIds = programIds;
        this.capacity = capacity;
        this.studentIds = studentIds;
        this.lottery = lottery;
        this.choiceStart = choiceStart;
        this.choiceProgram = choiceProgram;
        this.choicePriority = choicePriority;
    }

    public int students() {
        return studentIds.length;
    }

    public int programs() {
        return programIds.length;
    }

    /** The match input: one open block per program, no set-asides; program preference (priority, lottery, id). */
    public ProgramMatch.MatchInput toMatchInput() {
        return new ProgramMatch.MatchInput(capacity, null, Keys.ranks(lottery, studentIds), choiceStart, choiceProgram,
                choicePriority, null);
    }

    /** Runs the match: per student the index of its assigned program, or -1. */
    public int[] match() {
        return ProgramMatch.run(toMatchInput()).assignedProgram;
    }
}
