package org.kept.knowledge.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.kept.knowledge.Audience;

/** The whole answer as a customer reads it, and the clauses of internal articles a reply must not repeat. */
class PlainAnswerTest {

    static final String REFUND = "退款审核通过后原路退回到您的支付账户。\n- 微信、支付宝：1-3 个工作日到账\n"
            + "- 银行卡：3-7 个工作日到账，以银行入账为准\n超过 7 个工作日仍未到账，请提供订单号联系客服核查。";

    @Test
    void theWholeAnswerKeepsItsLinesListMarkersAndLastLine() {
        assertThat(PlainAnswer.of(REFUND)).isEqualTo("""
                退款审核通过后原路退回到您的支付账户。
                - 微信、支付宝：1-3 个工作日到账
                - 银行卡：3-7 个工作日到账，以银行入账为准
                超过 7 个工作日仍未到账，请提供订单号联系客服核查。""");
    }

    @Test
    void numberedStepsNestedListsEmphasisAndLinksReadAsText() {
        String md = "**步骤**：\n\n1. 打开 App\n2. 点击“我的订单”\n   - 找到订单\n3. 查看 [帮助](https://help.example.com)";
        assertThat(PlainAnswer.of(md)).isEqualTo("""
                步骤：
                1. 打开 App
                2. 点击“我的订单”
                  - 找到订单
                3. 查看 帮助 (https://help.example.com)""");
    }

    @Test
    void internalClausesAreFoundWhateverTheSpacingButNotWhatAPublicArticleSaysToo() {
        List<InternalPassages.Passage> passages = InternalPassages.build(List.of(
                new ArticleStore.Body(1, "账单费用争议的核查", "客户对账单金额有异议：1. 调取详单逐项核对；2. 属于系统计费错误的，"
                        + "当场提交退费，5 元以内坐席可直接退，5 元以上按授权额度由组长审批；3. 请提供订单号联系客服核查。", Audience.INTERNAL),
                new ArticleStore.Body(2, "退款多久到账", REFUND, Audience.PUBLIC)));
        assertThat(passages).extracting(InternalPassages.Passage::shown)
                .contains("5 元以内坐席可直接退", "5 元以上按授权额度由组长审批", "属于系统计费错误的")
                .doesNotContain("请提供订单号联系客服核查", "当场提交退费");
        assertThat(passages).extracting(InternalPassages.Passage::normal).contains("5元以内坐席可直接退");
        assertThat(InternalPassages.normal("您好，5元 以内坐席可直接退！")).contains("5元以内坐席可直接退");
    }
}
