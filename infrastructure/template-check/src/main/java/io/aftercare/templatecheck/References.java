package io.aftercare.templatecheck;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every name the template refers to, resolved: {@code Ref} to a parameter, resource or pseudo parameter;
 * {@code Fn::GetAtt} to a resource and one of its attributes; each {@code ${...}} of {@code Fn::Sub} to its own
 * variables or to what Ref and GetAtt may name; conditions ({@code Condition}, {@code Fn::If}) to the Conditions
 * section; {@code DependsOn} to resources; {@code Fn::FindInMap} to Mappings. Resources that SAM generates are
 * names too (see {@link SamImplicitResources}).
 */
final class References {

    private static final Set<String> PSEUDO_PARAMETERS = Set.of("AWS::AccountId", "AWS::NotificationARNs",
            "AWS::NoValue", "AWS::Partition", "AWS::Region", "AWS::StackId", "AWS::StackName", "AWS::URLSuffix");
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}]*)}");


    private final ResourceSpec spec;
    private final Set<String> parameters = new HashSet<>();
    private final Set<String> conditions = new HashSet<>();
    private final Set<String> mappings = new HashSet<>();
    /** Logical id to type, the template's own resources and those SAM generates from them. */
    private final Map<String, String> resources = new HashMap<>();
    /** What only Ref (and Sub) can name: SAM's {@code MyFunction.Alias}, {@code MyApi.Stage}, ... */
    private final Set<String> samReferences = new HashSet<>();

    References(JsonNode template, ResourceSpec spec) {
        this.spec = spec;
        template.path("Parameters").fieldNames().forEachRemaining(parameters::add);
        template.path("Conditions").fieldNames().forEachRemaining(conditions::add);
        template.path("Mappings").fieldNames().forEachRemaining(mappings::add);
        var implicit = new SamImplicitResources(template);
        resources.putAll(implicit.resources());
        samReferences.addAll(implicit.references());
        template.path("Resources").fields().forEachRemaining(r -> resources.put(r.getKey(), r.getValue().path("Type").asText()));
    }

    void check(JsonNode template, Findings findings) {
        template.path("Conditions").fields().forEachRemaining(c ->
                walk("Conditions/" + c.getKey(), c.getValue(), true, findings));
        walk("Globals", template.path("Globals"), false, findings);
        template.path("Resources").fields().forEachRemaining(r -> {
            String path = "Resources/" + r.getKey();
            JsonNode resource = r.getValue();
            if (resource.has("Condition")) {
                condition(path + "/Condition", resource.path("Condition").asText(), findings);
            }
            JsonNode dependsOn = resource.path("DependsOn");
            for (JsonNode name : dependsOn.isArray() ? dependsOn : List.of(dependsOn)) {
                if (!name.isMissingNode()) {
                    findings.reference();
                    if (!resources.containsKey(name.asText())) {
                        findings.problem(path + "/DependsOn", "no resource named " + name.asText());
                    }
                }
            }
            walk(path + "/Properties", resource.path("Properties"), false, findings);
        });
        template.path("Outputs").fields().forEachRemaining(o -> {
            if (o.getValue().has("Condition")) {
                condition("Outputs/" + o.getKey() + "/Condition", o.getValue().path("Condition").asText(), findings);
            }
            walk("Outputs/" + o.getKey(), o.getValue(), false, findings);
        });
    }

    private void walk(String path, JsonNode node, boolean inConditions, Findings findings) {
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(path + "/" + i, node.get(i), inConditions, findings);
            }
            return;
        }
        if (!node.isObject()) {
            return;
        }
        if (node.size() == 1) {
            String function = node.fieldNames().next();
            JsonNode argument = node.get(function);
            String at = path + "/" + function;
            switch (function) {
                case "Ref" -> ref(at, argument, inConditions, findings);
                case "Fn::GetAtt" -> getAtt(at, argument, findings);
                case "Fn::Sub" -> sub(at, argument, findings);
                case "Fn::If" -> condition(at, argument.path(0).asText(), findings);
                case "Fn::FindInMap" -> {
                    if (argument.path(0).isTextual()) {
                        findings.reference();
                        if (!mappings.contains(argument.path(0).asText())) {
                            findings.problem(at, "no mapping named " + argument.path(0).asText());
                        }
                    }
                }
                case "Condition" -> {
                    if (inConditions) {
                        condition(at, argument.asText(), findings);
                    }
                }
                default -> {
                    // other functions only take values; their arguments are walked below
                }
            }
        }
        node.fields().forEachRemaining(field -> walk(path + "/" + field.getKey(), field.getValue(), inConditions, findings));
    }

    private void ref(String path, JsonNode argument, boolean inConditions, Findings findings) {
        if (!argument.isTextual()) {
            findings.problem(path, "Ref takes a name, not " + argument);
            return;
        }
        String name = argument.asText();
        findings.reference();
        if (inConditions && !parameters.contains(name) && !PSEUDO_PARAMETERS.contains(name)) {
            findings.problem(path, "a condition can refer only to parameters, not to " + name);
        } else if (!refable(name)) {
            findings.problem(path, "no parameter, resource or pseudo parameter named " + name);
        }
    }

    private boolean refable(String name) {
        return parameters.contains(name) || PSEUDO_PARAMETERS.contains(name) || resources.containsKey(name)
                || samReferences.contains(name);
    }

    private void getAtt(String path, JsonNode argument, Findings findings) {
        String resource;
        JsonNode attribute;
        if (argument.isTextual() && argument.asText().contains(".")) {
            resource = argument.asText().substring(0, argument.asText().indexOf('.'));
            attribute = TextNode.valueOf(argument.asText().substring(resource.length() + 1));
        } else if (argument.isArray() && argument.size() == 2) {
            resource = argument.get(0).asText();
            attribute = argument.get(1);
        } else {
            findings.problem(path, "GetAtt takes [resource, attribute], not " + argument);
            return;
        }
        findings.reference();
        String problem = attributeProblem(resource, attribute);
        if (problem != null) {
            findings.problem(path, problem);
        }
    }

    /** Why {@code resource.attribute} cannot be read, or null when it can (or the attribute is only known at deploy time). */
    private String attributeProblem(String resource, JsonNode attribute) {
        String type = resources.get(resource);
        if (type == null) {
            return "no resource named " + resource;
        }
        String generated = SamSchema.GENERATES.getOrDefault(type, type);
        if (!attribute.isTextual() || !spec.knows(generated) || generated.equals("AWS::CloudFormation::CustomResource")) {
            return null;
        }
        String name = attribute.asText();
        Set<String> attributes = spec.attributes(generated);
        boolean stackOutput = generated.equals("AWS::CloudFormation::Stack") && name.startsWith("Outputs.");
        return attributes.contains(name) || stackOutput ? null
                : resource + " (" + type + ") has no attribute " + name + " (it has " + String.join(", ", attributes) + ")";
    }

    private void sub(String path, JsonNode argument, Findings findings) {
        JsonNode text = argument.isArray() ? argument.path(0) : argument;
        Set<String> variables = new HashSet<>();
        argument.path(1).fieldNames().forEachRemaining(variables::add);
        if (!text.isTextual()) {
            findings.problem(path, "Sub takes a string, or [string, variables], not " + argument);
            return;
        }
        Matcher matcher = SUB_VARIABLE.matcher(text.asText());
        while (matcher.find()) {
            String name = matcher.group(1);
            if (name.startsWith("!")) {
                continue; // ${!Literal} is written out as ${Literal}
            }
            findings.reference();
            if (variables.contains(name) || refable(name)) {
                continue;
            }
            String problem = name.contains(".")
                    ? attributeProblem(name.substring(0, name.indexOf('.')),
                            TextNode.valueOf(name.substring(name.indexOf('.') + 1)))
                    : "no variable, parameter, resource or pseudo parameter named " + name;
            if (problem != null) {
                findings.problem(path, "${" + name + "}: " + problem);
            }
        }
    }

    private void condition(String path, String name, Findings findings) {
        findings.reference();
        if (!conditions.contains(name)) {
            findings.problem(path, "no condition named " + name);
        }
    }
}
