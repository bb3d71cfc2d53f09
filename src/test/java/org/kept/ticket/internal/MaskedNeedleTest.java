package org.kept.ticket.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.kept.shared.Masking;

/**
 * A search without personal-data rights checks the raw subject before its masked copy, for needles without ASCII. That
 * is only sound if such a needle found in a masked subject is always in the raw one too: masking must write nothing
 * but ASCII into the places it changes and leave every other character as it was.
 */
class MaskedNeedleTest {

    private static final List<String> SUBJECTS = List.of(
            "宽带报修 13800138000 请回电",
            "用户（＋８６ １３８ ００１３ ８０００）反映话费多扣",
            "邮箱ｚｈａｎｇ＠例子 与 zhang.wei@example.com 都收不到账单",
            "座机(0571)8888-6666报修，手机+86-139-0013-9000",
            "国际号码 +852 9123 4567 和 0044 7911 123456 无法接通",
            "单号20261122-0042 退款未到账，联系138 0013 8000或wang@kept.cn",
            "投诉升级：１３９００１３９０００，司机态度差");

    @Test
    void aNeedleWithoutAsciiFoundInTheMaskedSubjectIsInTheRawSubject() {
        int checked = 0;
        for (String raw : SUBJECTS) {
            String masked = Masking.inText(raw).toLowerCase(Locale.ROOT);
            assertThat(masked).as("the sample must hold something masking changes").isNotEqualTo(raw.toLowerCase(Locale.ROOT));
            for (int from = 0; from < masked.length(); from++) {
                for (int to = from + 1; to <= Math.min(masked.length(), from + 6); to++) {
                    String needle = masked.substring(from, to);
                    if (TicketSearch.outsideMasks(needle)) {
                        checked++;
                        assertThat(raw.toLowerCase(Locale.ROOT)).as("masked %s", masked).contains(needle);
                    }
                }
            }
        }
        assertThat(checked).isGreaterThan(200);
    }

    /** A reader without personal-data rights is checked on the raw subject alone for a word of ideographs. */
    @Test
    void aWordOfIdeographsIsInTheMaskedSubjectExactlyWhenItIsInTheRawOne() {
        int checked = 0;
        for (String raw : SUBJECTS) {
            String masked = Masking.inText(raw);
            for (String text : List.of(raw, masked)) {
                for (int from = 0; from < text.length(); from++) {
                    for (int to = from + 1; to <= Math.min(text.length(), from + 4); to++) {
                        String needle = text.substring(from, to);
                        if (TicketSearch.ideographs(needle)) {
                            checked++;
                            assertThat(masked.contains(needle)).as("%s in %s / %s", needle, raw, masked).isEqualTo(raw.contains(needle));
                        }
                    }
                }
            }
        }
        assertThat(checked).isGreaterThan(100);
        assertThat(TicketSearch.ideographs("投诉升级")).isTrue();
        assertThat(TicketSearch.ideographs("１３８")).isFalse();
        assertThat(TicketSearch.ideographs("退款 慢")).isFalse();
    }

    @Test
    void needlesWithDigitsMasksOrAddressesAreCheckedOnTheMaskedSubjectAlone() {
        assertThat(TicketSearch.outsideMasks("宽带报修")).isTrue();
        assertThat(TicketSearch.outsideMasks("１３８")).isTrue();
        assertThat(TicketSearch.outsideMasks("138****")).isFalse();
        assertThat(TicketSearch.outsideMasks("报修 13")).isFalse();
        assertThat(TicketSearch.outsideMasks("z***@")).isFalse();
    }
}
