package io.aftercare.templatecheck;

import com.fasterxml.jackson.databind.JsonNode;

/** Recognises CloudFormation's intrinsic functions in their long form ({@code {"Ref": ...}}, {@code {"Fn::Sub": ...}}). */
final class Intrinsics {

    private Intrinsics() {
    }

    static boolean is(JsonNode node) {
        if (!node.isObject() || node.size() != 1) {
            return false;
        }
        String name = node.fieldNames().next();
        return name.equals("Ref") || name.startsWith("Fn::");
    }

    /** {@code !Ref AWS::NoValue}: the property is left out. */
    static boolean isNoValue(JsonNode node) {
        return node.isObject() && node.size() == 1 && "AWS::NoValue".equals(node.path("Ref").asText(null));
    }
}
