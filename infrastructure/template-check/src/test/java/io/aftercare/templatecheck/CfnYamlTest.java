package io.aftercare.templatecheck;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** CloudFormation's YAML short forms read as the long forms CloudFormation sees. */
class CfnYamlTest {

    @Test
    void givenEveryShortForm_whenRead_thenEachIsItsLongFormIntrinsic() {
        var node = CfnYaml.parse("""
                Ref: !Ref Table
                GetAtt: !GetAtt Function.SnapStartResponse.ApplyOn
                GetAttList: !GetAtt [Queue, Arn]
                Sub: !Sub "${AWS::Region}-x"
                SubList: !Sub ["${A}", {A: !Ref B}]
                If: !If [IsProd, 1, !Ref AWS::NoValue]
                Join: !Join [",", [a, b]]
                Select: !Select [0, !GetAZs ""]
                Not: !Not [!Equals [!Ref Stage, ""]]
                Condition: !Condition IsProd
                FindInMap: !FindInMap [Map, !Ref Stage, Key]
                Split: !Split [",", !ImportValue Shared]
                Base64: !Base64 text
                Cidr: !Cidr ["10.0.0.0/16", 4, 8]
                Plain: {Number: 0.04, Integer: 180, Boolean: true, Quoted: "2010-09-09"}
                """);

        assertThat(node.path("Ref").toString()).isEqualTo("{\"Ref\":\"Table\"}");
        assertThat(node.path("GetAtt").toString()).isEqualTo("{\"Fn::GetAtt\":[\"Function\",\"SnapStartResponse.ApplyOn\"]}");
        assertThat(node.path("GetAttList").toString()).isEqualTo("{\"Fn::GetAtt\":[\"Queue\",\"Arn\"]}");
        assertThat(node.path("Sub").toString()).isEqualTo("{\"Fn::Sub\":\"${AWS::Region}-x\"}");
        assertThat(node.path("SubList").toString()).isEqualTo("{\"Fn::Sub\":[\"${A}\",{\"A\":{\"Ref\":\"B\"}}]}");
        assertThat(node.path("If").toString()).isEqualTo("{\"Fn::If\":[\"IsProd\",1,{\"Ref\":\"AWS::NoValue\"}]}");
        assertThat(node.path("Join").toString()).isEqualTo("{\"Fn::Join\":[\",\",[\"a\",\"b\"]]}");
        assertThat(node.path("Select").toString()).isEqualTo("{\"Fn::Select\":[0,{\"Fn::GetAZs\":\"\"}]}");
        assertThat(node.path("Not").toString()).isEqualTo("{\"Fn::Not\":[{\"Fn::Equals\":[{\"Ref\":\"Stage\"},\"\"]}]}");
        assertThat(node.path("Condition").toString()).isEqualTo("{\"Condition\":\"IsProd\"}");
        assertThat(node.path("FindInMap").toString()).isEqualTo("{\"Fn::FindInMap\":[\"Map\",{\"Ref\":\"Stage\"},\"Key\"]}");
        assertThat(node.path("Split").toString()).isEqualTo("{\"Fn::Split\":[\",\",{\"Fn::ImportValue\":\"Shared\"}]}");
        assertThat(node.path("Base64").toString()).isEqualTo("{\"Fn::Base64\":\"text\"}");
        assertThat(node.path("Cidr").toString()).isEqualTo("{\"Fn::Cidr\":[\"10.0.0.0/16\",4,8]}");
        assertThat(node.path("Plain").toString())
                .isEqualTo("{\"Number\":0.04,\"Integer\":180,\"Boolean\":true,\"Quoted\":\"2010-09-09\"}");
    }
}
