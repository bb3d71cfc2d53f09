package org.kept.console;

import org.kept.identity.CurrentUser;
import org.kept.shared.Masking;

/**
 * Personal data as one viewer may see it: in full for roles whose work needs it (PII_VIEW), masked for everyone
 * else. Pages mask here, at the edge, so no template can forget to.
 */
record PersonalData(boolean visible) {

    static PersonalData of(CurrentUser viewer) {
        return new PersonalData(viewer != null && viewer.seesPersonalData());
    }

    String phone(String e164) {
        return visible ? e164 : Masking.phone(e164);
    }

    String email(String email) {
        return visible ? email : Masking.email(email);
    }

    /** Free text (subjects, descriptions, notes) can hold a phone number or an email typed by anyone. */
    String text(String text) {
        return visible ? text : Masking.inText(text);
    }
}
