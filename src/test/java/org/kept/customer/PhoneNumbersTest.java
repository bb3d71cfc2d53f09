package org.kept.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.kept.shared.KeptException;
import org.springframework.http.HttpStatus;

/** What people type into the phone field becomes E.164; a number without a country is Chinese. */
class PhoneNumbersTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            13800138000          | +8613800138000
            138 0013 8000        | +8613800138000
            138-0013-8000        | +8613800138000
            +86 138 0013 8000    | +8613800138000
            +86-138-0013-8000    | +8613800138000
            +8613800138000       | +8613800138000
            0086 138 0013 8000   | +8613800138000
            ' 13800138000 '      | +8613800138000
            010-6552 9988        | +861065529988
            (010) 65529988       | +861065529988
            021 6888 8888        | +862168888888
            +852 9123 4567       | +85291234567
            """)
    void chineseAndInternationalFormatsBecomeE164(String typed, String e164) {
        assertThat(PhoneNumbers.parse(typed)).contains(e164);
        assertThat(PhoneNumbers.toE164(typed)).isEqualTo(e164);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "12345", "abc", "1380013800", "138001380001", "+86 138 0013 80001", "电话号码",
            "13800138000000000000000000000000000000000"})
    void whatIsNotAPhoneNumberIsNotParsed(String typed) {
        assertThat(PhoneNumbers.parse(typed)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"12345", "not a phone"})
    void toE164RefusesAnInvalidNumberAsInvalidInput(String typed) {
        assertThatThrownBy(() -> PhoneNumbers.toE164(typed))
                .isInstanceOfSatisfying(KeptException.class, e -> {
                    assertThat(e.status()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
                    assertThat(e.messageKey()).isEqualTo("error.phone");
                    assertThat(e.args()).containsExactly(typed);
                });
    }
}
