package io.aftercare.templatecheck;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a CloudFormation/SAM template the way cfn-lint would before a deploy: its sections, every {@code AWS::*}
 * resource against the CloudFormation resource specification ({@link ResourceSpec}), every
 * {@code AWS::Serverless::*} resource and the Globals against SAM's schema ({@link SamSchema}), and every name it
 * refers to ({@link References}).
 *
 * <p>Left to the deploy: what only SAM's translation shows (Globals are checked on their own, not merged into each
 * function first, so a function's Handler and Runtime may come from either), the result type of an intrinsic
 * function (it is accepted wherever a value goes; only both branches of an {@code Fn::If} are checked against the
 * property), string patterns and length or number bounds (the specification package does not carry them), and the
 * pass-through properties of SAM's APIs (SAM converts shapes CloudFormation would refuse there).
 */
public final class TemplateCheck {

    private static final Set<String> SECTIONS = Set.of("AWSTemplateFormatVersion", "Description", "Metadata",
            "Parameters", "Rules", "Mappings", "Conditions", "Transform", "Globals", "Resources", "Outputs");
    private static final Set<String> RESOURCE_ATTRIBUTES = Set.of("Type", "Properties", "DependsOn", "Condition",
            "DeletionPolicy", "UpdateReplacePolicy", "Metadata", "CreationPolicy", "UpdatePolicy");
    private static final Set<String> DELETION_POLICIES = Set.of("Delete", "Retain", "RetainExceptOnCreate", "Snapshot");
    private static final Pattern PARAMETER_TYPE = Pattern.compile(
            "String|Number|List<Number>|CommaDelimitedList|AWS::[A-Za-z0-9:]+(<[A-Za-z0-9:<>]+>)?|List<AWS::[A-Za-z0-9:]+>");
    private static final String SAM_TRANSFORM = "AWS::Serverless-2016-10-31";

    private final ResourceSpec spec;
    private final SamSchema sam;

    public TemplateCheck(ResourceSpec spec, SamSchema sam) {
        this.spec = spec;
        this.sam = sam;
    }

    /** The check with what {@code infrastructure/template-check} holds: the npm-installed specification and SAM's schema. */
    public static TemplateCheck from(Path templateCheckDirectory) {
        return new TemplateCheck(
                ResourceSpec.read(templateCheckDirectory.resolve("node_modules/@aws-cdk/aws-service-spec/db.json.gz")),
                SamSchema.read(templateCheckDirectory.resolve("sam.schema.json")));
    }

    public Findings check(Path template) {
        return check(CfnYaml.read(template));
    }

    public Findings check(JsonNode template) {
        var findings = new Findings();
        template.fieldNames().forEachRemaining(section -> {
            if (!SECTIONS.contains(section)) {
                findings.problem(section, "not a template section (they are " + String.join(", ", sorted(SECTIONS)) + ")");
            }
        });
        template.path("Parameters").fields().forEachRemaining(p -> {
            if (!PARAMETER_TYPE.matcher(p.getValue().path("Type").asText()).matches()) {
                findings.problem("Parameters/" + p.getKey() + "/Type", "not a parameter type: " + p.getValue().path("Type"));
            }
        });
        if (!template.path("Resources").isObject() || template.path("Resources").isEmpty()) {
            findings.problem("Resources", "a template needs at least one resource");
        }
        // Transform is one name or a list of them
        boolean transformed = template.path("Transform").asText().equals(SAM_TRANSFORM)
                || textsOf(template.path("Transform")).contains(SAM_TRANSFORM);
        if (template.has("Globals")) {
            sam.checkGlobals("Globals", template.path("Globals"), spec, findings);
        }
        template.path("Resources").fields().forEachRemaining(r -> resource("Resources/" + r.getKey(), r.getValue(), transformed, findings));
        template.path("Outputs").fields().forEachRemaining(o -> {
            if (!o.getValue().has("Value")) {
                findings.problem("Outputs/" + o.getKey(), "an output needs a Value");
            }
        });
        new References(template, spec).check(template, findings);
        return findings;
    }

    private void resource(String path, JsonNode resource, boolean transformed, Findings findings) {
        String type = resource.path("Type").asText();
        findings.resource();
        if (type.startsWith("AWS::Serverless::")) {
            if (!transformed) {
                findings.problem(path + "/Type", type + " needs Transform: " + SAM_TRANSFORM);
            } else if (!sam.knows(type)) {
                findings.problem(path + "/Type", "SAM has no resource type " + type);
            } else {
                sam.checkResource(path, resource, spec, findings);
            }
            return;
        }
        resource.fieldNames().forEachRemaining(attribute -> {
            if (!RESOURCE_ATTRIBUTES.contains(attribute)) {
                findings.problem(path + "/" + attribute, "not a resource attribute (they are " + String.join(", ", sorted(RESOURCE_ATTRIBUTES)) + ")");
            }
        });
        for (String policy : new String[] {"DeletionPolicy", "UpdateReplacePolicy"}) {
            if (resource.has(policy) && !DELETION_POLICIES.contains(resource.path(policy).asText())) {
                findings.problem(path + "/" + policy, resource.path(policy) + " is not one of " + sorted(DELETION_POLICIES));
            }
        }
        if (type.startsWith("Custom::") || type.equals("AWS::CloudFormation::CustomResource")) {
            if (!resource.path("Properties").has("ServiceToken")) {
                findings.problem(path + "/Properties", "a custom resource needs a ServiceToken");
            }
        } else if (!spec.knows(type)) {
            findings.problem(path + "/Type", "no resource type " + (type.isEmpty() ? "given" : type) + " in the CloudFormation resource specification");
        } else {
            spec.checkProperties(path + "/Properties", type, resource.path("Properties"), findings);
        }
    }

    private static List<String> sorted(Set<String> names) {
        return names.stream().sorted().toList();
    }

    private static List<String> textsOf(JsonNode node) {
        var texts = new ArrayList<String>();
        node.forEach(n -> texts.add(n.asText()));
        return texts;
    }
}
