package org.kept.shared;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MaskingTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            +8613800138000 | 138****8000
            +861065529988  | +86 ****9988
            +85291234567   | +852 ****4567
            +447911123456  | +44 ****3456
            +12025550123   | +1 ****0123
            +86123         | ****
            """)
    void chineseMobilesKeepTheirFirstThreeAndLastFourDigitsOtherNumbersOnlyTheLastFour(String e164, String masked) {
        // keeping "the first three" of a short foreign number would show all but one or two of its digits
        assertThat(Masking.phone(e164)).isEqualTo(masked);
    }

    @Test
    void noPhoneStaysNoPhone() {
        assertThat(Masking.phone(null)).isNull();
        assertThat(Masking.phone("")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            zhang.san@example.com | z***@example.com
            Z@EXAMPLE.COM         | Z***@EXAMPLE.COM
            no-at-sign            | ***
            @example.com          | ***
            """)
    void emailsKeepTheFirstLetterAndTheDomain(String email, String masked) {
        assertThat(Masking.email(email)).isEqualTo(masked);
    }

    @Test
    void noEmailStaysNoEmail() {
        assertThat(Masking.email(null)).isNull();
    }

    @Test
    void mobilesAndEmailsInsideTextAreMaskedInEveryCommonFormat() {
        String text = "客户张三，电话13800138000，备用 +86 139 1234 5678 或 8613712345678 或 137-1111-2222，"
                + "邮箱 zhang.san@example.com。";
        String masked = Masking.inText(text);
        assertThat(masked).doesNotContain("13800138000", "139 1234 5678", "13712345678", "137-1111-2222", "zhang.san@")
                .contains("138****8000", "139****5678", "137****5678", "137****2222", "z***@example.com", "客户张三");
        assertThat(masked.replaceAll("\\D", "")).doesNotContain("13800138000", "13912345678", "13712345678", "13711112222");
    }

    @Test
    void orderNumbersAndOtherDigitRunsAreLeftAlone() {
        String text = "订单号 202611220001234，金额 13800 元，工单 20261122-0001，号码 138001380001";
        assertThat(Masking.inText(text)).isEqualTo(text);
    }

    @Test
    void theShortestNumberIsStillFoundAfterTheQuickCheck() {
        // eight digits with their separators: the fewest a pattern matches; seven never make a number
        assertThat(Masking.mayHoldNumber("call +1 234 5678")).isTrue();
        assertThat(Masking.inText("call +1 234 5678")).isEqualTo("call +1 ****5678");
        assertThat(Masking.mayHoldNumber("工单 1234567，(+86) 12-34")).isFalse();
        assertThat(Masking.inText("来电 ＋８６ １３８ ００１３ ８０００")).isEqualTo("来电 138****8000");
        assertThat(Masking.inText("宽带报修 #12，邮件 li.lei@example.com")).isEqualTo("宽带报修 #12，邮件 l***@example.com");
    }

    @Test
    void noTextStaysNoText() {
        assertThat(Masking.inText(null)).isNull();
        assertThat(Masking.inText("")).isEmpty();
    }

    @Test
    void landlinesAndInternationalNumbersInsideTextAreMaskedButOrderNumbersStay() {
        String masked = Masking.inText("座机 010-12345678 或 0571 8765 4321，香港 +852 9123 4567，订单号 20261105118");
        assertThat(masked).doesNotContain("12345678").doesNotContain("8765 4321").doesNotContain("9123 4567")
                .contains("010-****78").contains("+852 ****4567").contains("20261105118");
    }

    /** Every way people write a number (in a subject, a note, a customer's message) is masked; nothing of the hidden part stays. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            13800138000            | 138****8000
            １３８００１３８０００     | 138****8000
            １３８ ００１３ ８０００   | 138****8000
            138.0013.8000          | 138****8000
            138 0013 8000          | 138****8000
            138-0013-8000          | 138****8000
            138 - 0013 - 8000      | 138****8000
            138－0013－8000        | 138****8000
            1 3 8 0 0 1 3 8 0 0 0  | 138****8000
            +8613800138000         | 138****8000
            +86 138 0013 8000      | 138****8000
            +86-13800138000        | 138****8000
            (+86)13800138000       | 138****8000
            （+86）138-0013-8000    | 138****8000
            ＋８６１３８００１３８０００ | 138****8000
            008613800138000        | 138****8000
            0086 138 0013 8000     | 138****8000
            8613800138000          | 138****8000
            86 13800138000         | 138****8000
            0571-8888 6666         | 0571-****66
            0571-88886666          | 0571-****66
            (0571)8888-6666        | 0571-****66
            010-12345678           | 010-****78
            ０５７１－８８８８ ６６６６   | 0571-****66
            +86 571 8888 6666      | +86 ****6666
            +852 9123 4567         | +852 ****4567
            00852 9123 4567        | +852 ****4567
            zhang.san@example.com  | z***@example.com
            zhang.san＠example.com  | z***@example.com
            """)
    void everyWrittenFormOfANumberOrEmailIsMasked(String written, String masked) {
        String text = "客户说：" + written + "，请回电";
        String result = Masking.inText(text);
        assertThat(result).isEqualTo("客户说：" + masked + "，请回电");
    }

    @Test
    void maskingKeepsTheTextAroundInItsOwnCharacters() {
        assertThat(Masking.inText("（备注）电话１３８００１３８０００，ＯＫ")).isEqualTo("（备注）电话138****8000，ＯＫ");
    }

    @Test
    void aCutNeverLeavesHalfANumberOrAddressThatMaskingWouldMiss() {
        String text = "请联系 13800138000 或 zhang.san@example.com";
        for (int max = 5; max <= text.length(); max++) {
            String cut = Masking.inText(Masking.cut(text, max));
            assertThat(cut.replaceAll("\\D", "")).as("cut at " + max).doesNotContain("0013");
            assertThat(cut).as("cut at " + max).doesNotContain("zhang.san@", "ang.san@ex");
        }
        assertThat(Masking.cut(text, 200)).isEqualTo(text);
        assertThat(Masking.cut("请联系 13800138000 今天", 14)).isEqualTo("请联系 …");
    }
}
