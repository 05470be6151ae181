package io.aftercare.templatecheck;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The check against today's template.yaml, and against small broken templates it must catch. */
class TemplateCheckTest {

    private static final Path ROOT = Path.of(System.getProperty("aftercare.root", "../.."));
    private static final TemplateCheck CHECK = TemplateCheck.from(ROOT.resolve("infrastructure/template-check"));

    private static final String HEAD = """
            AWSTemplateFormatVersion: "2010-09-09"
            Transform: AWS::Serverless-2016-10-31
            Parameters:
              Stage:
                Type: String
            Conditions:
              IsProd: !Equals [!Ref Stage, prod]
            Resources:
              Queue:
                Type: AWS::SQS::Queue
                Properties:
                  VisibilityTimeout: 180
            """;

    /** A SAM function named Function, its properties open for a test to add to (at 6 spaces). */
    private static final String FUNCTION = """
              Function:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: a.B::handle
                  Runtime: java21
                  CodeUri: app.jar
            """;

    @Test
    void givenTodaysTemplate_whenChecked_thenEveryResourceAndNameIsFoundSound() {
        JsonNode template = CfnYaml.read(ROOT.resolve("template.yaml"));

        Findings findings = CHECK.check(template);

        assertThat(findings.problems()).isEmpty();
        assertThat(findings.resources()).isEqualTo(template.path("Resources").size());
        assertThat(findings.values()).isGreaterThan(400);
        assertThat(findings.references()).isGreaterThan(150);
    }

    @Test
    void givenAMisspeltProperty_whenChecked_thenItIsReportedWithTheNamesTheTypeHas() {
        assertThat(problems("""
                  Topic:
                    Type: AWS::SNS::Topic
                    Properties:
                      TopicNme: alarms
                """)).singleElement().asString()
                .startsWith("Resources/Topic/Properties/TopicNme: unknown property of AWS::SNS::Topic (it has ")
                .contains("TopicName");
    }

    @Test
    void givenAMisspeltResourceType_whenChecked_thenItIsReported() {
        assertThat(problems("""
                  Topic:
                    Type: AWS::SNS::Topik
                """)).containsExactly("Resources/Topic/Type: no resource type AWS::SNS::Topik in the CloudFormation resource specification");
    }

    @Test
    void givenAValueOfTheWrongShape_whenChecked_thenItIsReportedWithWhatWasExpected() {
        assertThat(problems("""
                  Other:
                    Type: AWS::SQS::Queue
                    Properties:
                      VisibilityTimeout: [30]
                      FifoQueue: maybe
                      Tags: {Team: support}
                """)).containsExactlyInAnyOrder(
                "Resources/Other/Properties/VisibilityTimeout: must be an integer, not a list",
                "Resources/Other/Properties/FifoQueue: must be a boolean, not the string \"maybe\"",
                "Resources/Other/Properties/Tags: must be a list of tags, not an object");
    }

    @Test
    void givenANestedPropertyTypeMissingARequiredPropertyOrWithAValueNotAllowed_whenChecked_thenBothAreReported() {
        assertThat(problems("""
                  Table:
                    Type: AWS::DynamoDB::Table
                    Properties:
                      AttributeDefinitions: [{AttributeName: PK, AttributeType: S}]
                      KeySchema: [{AttributeName: PK}]
                  Logs:
                    Type: AWS::Logs::LogGroup
                    Properties:
                      RetentionInDays: 31
                """)).containsExactlyInAnyOrder(
                "Resources/Table/Properties/KeySchema/0: missing required property KeyType of KeySchema",
                "Resources/Logs/Properties/RetentionInDays: the number 31 is not one of "
                        + "[1,3,5,7,14,30,60,90,120,150,180,365,400,545,731,1096,1827,2192,2557,2922,3288,3653]");
    }

    @Test
    void givenARefToNothing_whenChecked_thenItIsReported() {
        assertThat(problems("""
                  Subscription:
                    Type: AWS::SNS::Subscription
                    Properties:
                      TopicArn: !Ref AlarmTopic
                      Protocol: email
                """)).containsExactly("Resources/Subscription/Properties/TopicArn/Ref: no parameter, resource or pseudo parameter named AlarmTopic");
    }

    @Test
    void givenAGetAttOfAnAttributeTheResourceHasNot_whenChecked_thenItIsReportedWithTheAttributesItHas() {
        assertThat(problems("""
                  Alarm:
                    Type: AWS::CloudWatch::Alarm
                    Properties:
                      Namespace: AWS/SQS
                      MetricName: ApproximateNumberOfMessagesVisible
                      Dimensions: [{Name: QueueName, Value: !GetAtt Queue.Name}]
                      Statistic: Maximum
                      Period: 300
                      EvaluationPeriods: 1
                      Threshold: 0
                      ComparisonOperator: GreaterThanThreshold
                """)).containsExactly("Resources/Alarm/Properties/Dimensions/0/Value/Fn::GetAtt: "
                + "Queue (AWS::SQS::Queue) has no attribute Name (it has Arn, QueueName, QueueUrl)");
    }

    @Test
    void givenASubWithAnUnknownVariable_whenChecked_thenItIsReportedAndItsOwnVariablesAndAttributesResolve() {
        assertThat(problems("""
                  Topic:
                    Type: AWS::SNS::Topic
                    Properties:
                      TopicName: !Sub "aftercare-${Stage}-${Stag}-${!Literal}"
                      DisplayName: !Sub ["${Queue.QueueName} in ${Region} for ${AWS::AccountId}", {Region: !Ref AWS::Region}]
                """)).containsExactly("Resources/Topic/Properties/TopicName/Fn::Sub: "
                + "${Stag}: no variable, parameter, resource or pseudo parameter named Stag");
    }

    @Test
    void givenAnUnknownCondition_whenChecked_thenEachUseIsReportedAndBothBranchesOfAnIfAreChecked() {
        assertThat(problems("""
                  Topic:
                    Type: AWS::SNS::Topic
                    Condition: IsProduction
                    Properties:
                      TopicName: !If [IsProd, !Ref AWS::NoValue, [not, a, name]]
                      DisplayName: !If [IsStaging, a, b]
                """)).containsExactlyInAnyOrder(
                "Resources/Topic/Properties/TopicName/Fn::If/2: must be a string, not a list",
                "Resources/Topic/Condition: no condition named IsProduction",
                "Resources/Topic/Properties/DisplayName/Fn::If: no condition named IsStaging");
    }

    @Test
    void givenASamFunctionWithAnUnknownPropertyOrEventProperty_orAnEventTypeSamHasNot_whenChecked_thenSamsSchemaReportsEach() {
        assertThat(problems(FUNCTION + """
                      MemorySizeMb: 1024
                      Events:
                        Hook:
                          Type: HttpApi
                          Properties: {Method: POST, Pathh: /hook}
                        Poll:
                          Type: Sqs
                          Properties: {Queue: !GetAtt Queue.Arn}
                """)).containsExactlyInAnyOrder(
                "Resources/Function/Properties: property 'MemorySizeMb' is not defined in the schema and the schema does not allow additional properties",
                "Resources/Function/Properties/Events/Hook/Properties: property 'Pathh' is not defined in the schema and the schema does not allow additional properties",
                "Resources/Function/Properties/Events/Poll/Type: is none of the types AlexaSkill, Api, CloudWatchEvent, "
                        + "CloudWatchLogs, Cognito, DocumentDB, DynamoDB, EventBridgeRule, HttpApi, IoTRule, Kinesis, MQ, MSK, "
                        + "S3, SNS, SQS, Schedule, ScheduleV2, SelfManagedKafka");
    }

    @Test
    void givenASamFunctionWhosePassedOnPropertyIsWrong_whenChecked_thenTheLambdaSpecificationReportsIt() {
        assertThat(problems(FUNCTION + """
                      SnapStart:
                        ApplyOnn: PublishedVersions
                """)).containsExactlyInAnyOrder(
                "Resources/Function/Properties/SnapStart/ApplyOnn: unknown property of SnapStart (it has ApplyOn)",
                "Resources/Function/Properties/SnapStart: missing required property ApplyOn of SnapStart");
    }

    @Test
    void givenTheResourcesSamGeneratesForAFunction_whenReferredTo_thenTheyResolveAndOnlyThoseSamGenerates() {
        assertThat(problems(FUNCTION + """
                      AutoPublishAlias: live
                      Events:
                        Work:
                          Type: SQS
                          Properties: {Queue: !GetAtt Queue.Arn}
                        Hook:
                          Type: HttpApi
                          Properties: {Method: POST, Path: /hook}
                Outputs:
                  Role: {Value: !GetAtt FunctionRole.Arn}
                  Alias: {Value: !Ref Function.Alias}
                  AliasResource: {Value: !Ref FunctionAliaslive}
                  Mapping: {Value: !Ref FunctionWork}
                  Permission: {Value: !Ref FunctionHookPermission}
                  Url: {Value: !Sub "https://${ServerlessHttpApi}.execute-api.${AWS::Region}.amazonaws.com"}
                  SnapStart: {Value: !GetAtt Function.SnapStartResponse.ApplyOn}
                  NoApi: {Value: !Ref ServerlessRestApi}
                  NoUrl: {Value: !GetAtt FunctionUrl.FunctionUrl}
                """)).containsExactlyInAnyOrder(
                "Outputs/NoApi/Value/Ref: no parameter, resource or pseudo parameter named ServerlessRestApi",
                "Outputs/NoUrl/Value/Fn::GetAtt: no resource named FunctionUrl");
    }

    @Test
    void givenAValidAlarmOfEveryKind_whenChecked_thenItPasses() {
        assertThat(problems("""
                  Topic:
                    Type: AWS::SNS::Topic
                  ActionsAbandonedAlarm:
                    Type: AWS::CloudWatch::Alarm
                    Properties:
                      AlarmName: !Sub "aftercare-${Stage}-actions-abandoned"
                      AlarmDescription: Actions were given up on.
                      Namespace: Aftercare
                      MetricName: ActionsAbandoned
                      Dimensions:
                        - Name: Service
                          Value: actions
                      Statistic: Sum
                      Period: 3600
                      EvaluationPeriods: 1
                      DatapointsToAlarm: 1
                      Threshold: 0
                      ComparisonOperator: GreaterThanThreshold
                      TreatMissingData: notBreaching
                      AlarmActions: [!Ref Topic]
                      OKActions: [!Ref Topic]
                  ErrorRateAlarm:
                    Type: AWS::CloudWatch::Alarm
                    Properties:
                      EvaluationPeriods: 1
                      Threshold: 0.05
                      ComparisonOperator: GreaterThanThreshold
                      Metrics:
                        - Id: rate
                          Expression: errors / invocations
                          ReturnData: true
                        - Id: errors
                          ReturnData: false
                          MetricStat:
                            Metric: {Namespace: AWS/Lambda, MetricName: Errors}
                            Period: 300
                            Stat: Sum
                        - Id: invocations
                          ReturnData: false
                          MetricStat:
                            Metric: {Namespace: AWS/Lambda, MetricName: Invocations}
                            Period: 300
                            Stat: Sum
                """)).isEmpty();
    }

    @Test
    void givenAResourceAttributeOrSectionThatIsNone_whenChecked_thenItIsReported() {
        List<String> problems = problems("""
                  Topic:
                    Type: AWS::SNS::Topic
                    DeletionPolicy: Keep
                    DependsOn: Nothing
                    Propertes: {}
                Output:
                  Name: {Value: x}
                """);

        assertThat(problems).hasSize(4).anyMatch(p -> p.startsWith("Output: not a template section"))
                .anyMatch(p -> p.startsWith("Resources/Topic/Propertes: not a resource attribute"))
                .contains("Resources/Topic/DeletionPolicy: \"Keep\" is not one of [Delete, Retain, RetainExceptOnCreate, Snapshot]",
                        "Resources/Topic/DependsOn: no resource named Nothing");
    }

    private static List<String> problems(String resources) {
        return CHECK.check(CfnYaml.parse(HEAD + resources)).problems();
    }
}
