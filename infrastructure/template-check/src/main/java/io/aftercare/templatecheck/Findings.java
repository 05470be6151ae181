package io.aftercare.templatecheck;

import java.util.ArrayList;
import java.util.List;

/** What a check found (each problem as "where: what"), and how much it looked at. */
public final class Findings {

    private final List<String> problems = new ArrayList<>();
    private int resources;
    private int values;
    private int references;

    void problem(String path, String message) {
        problems.add(path + ": " + message);
    }

    void resource() {
        resources++;
    }

    void value() {
        values++;
    }

    void reference() {
        references++;
    }

    public List<String> problems() {
        return List.copyOf(problems);
    }

    /** Resources checked against a schema (AWS resources against the specification, SAM ones against SAM's). */
    public int resources() {
        return resources;
    }

    /** Property values checked against the CloudFormation resource specification, at every depth. */
    public int values() {
        return values;
    }

    /** Names resolved: every Ref, GetAtt, ${...} in a Sub, condition and DependsOn. */
    public int references() {
        return references;
    }

    boolean clean() {
        return problems.isEmpty();
    }

    void addAll(Findings other) {
        problems.addAll(other.problems);
        values += other.values;
    }

    @Override
    public String toString() {
        return resources + " resources, " + values + " property values, " + references + " references; "
                + (problems.isEmpty() ? "no problems" : problems.size() + " problems:\n  " + String.join("\n  ", problems));
    }
}
