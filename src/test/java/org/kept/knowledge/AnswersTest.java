package org.kept.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kept.support.Api.body;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.kept.identity.CurrentUser;
import org.kept.support.Api;
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.springframework.beans.factory.annotation.Autowired;

/** The whole answer for the reply box, and the reply endpoint refusing internal guidance however it got into a reply. */
@KeptTest
class AnswersTest {

    @Autowired
    Fixtures fixtures;

    @Autowired
    Answers answers;

    @Test
    void aReplyThatRepeatsAnInternalArticleIsRefusedAndNothingIsStored() {
        Api lead = fixtures.api(fixtures.user("LEAD"));
        String word = Words.unique();
        lead.post("/api/v1/knowledge/articles", body("title", "账单费用争议的核查 " + word, "body",
                "1. 调取详单逐项核对" + word + "；\n2. 属于系统计费错误的" + word + "，当场提交退费，5 元以内坐席可直接退" + word
                        + "，5 元以上按授权额度由组长审批" + word + "。", "audience", "INTERNAL")).expect(201);
        lead.post("/api/v1/knowledge/articles", body("title", "退款多久到账 " + word, "body",
                "退款原路退回。\n- 银行卡：3-7 个工作日到账" + word, "audience", "PUBLIC")).expect(201);

        CurrentUser agentUser = fixtures.user("AGENT");
        Api agent = fixtures.api(agentUser);
        long ticket = fixtures.ticket(agent, fixtures.customer("账单客户").id(), "账单多扣了钱").id();
        int version = agent.get("/api/v1/tickets/" + ticket).expect(200).json().get("version").asInt();
        // a sentence of it typed by hand, with other spacing and punctuation: stopped, in the caller's language
        String zh = agent.language("zh-CN").post("/api/v1/tickets/" + ticket + "/replies",
                body("body", "您好！经核实 5元以内 坐席可直接退" + word + "，请放心。", "version", version)).expect(422).detail();
        assertThat(zh).contains("内部资料").contains("账单费用争议的核查");
        String en = agent.language("en").post("/api/v1/tickets/" + ticket + "/replies",
                body("body", "属于系统计费错误的" + word, "version", version)).expect(422).detail();
        assertThat(en).contains("internal article");
        assertThat(agent.get("/api/v1/tickets/" + ticket + "/timeline").expect(200).body()).doesNotContain("坐席可直接退");

        // the public answer, and words of the centre's own, go out
        agent.post("/api/v1/tickets/" + ticket + "/replies",
                body("body", "退款原路退回。银行卡：3-7 个工作日到账" + word, "version", version)).expect(200);
        assertThat(answers.internalTextIn("5元以内坐席可直接退" + word)).get()
                .extracting(Answers.InternalText::passage).isEqualTo("5 元以内坐席可直接退" + word);
    }

    @Test
    void theAnswerIsTheWholeArticleAndSaysWhetherItIsInternal() {
        Api lead = fixtures.api(fixtures.user("LEAD"));
        String word = Words.unique();
        long id = lead.post("/api/v1/knowledge/articles", body("title", "退款多久到账 " + word, "body",
                "退款审核通过后原路退回到您的支付账户。\n- 微信、支付宝：1-3 个工作日到账\n- 银行卡：3-7 个工作日到账，以银行入账为准\n"
                        + "超过 7 个工作日仍未到账，请提供订单号联系客服核查。", "tags", List.of(word), "audience", "PUBLIC"))
                .expect(201).id();
        Answers.Answer a = answers.answer(id, fixtures.user("AGENT"));
        assertThat(a.internal()).isFalse();
        assertThat(a.text()).contains("1-3 个工作日到账\n- 银行卡").endsWith("超过 7 个工作日仍未到账，请提供订单号联系客服核查。");
    }
}
