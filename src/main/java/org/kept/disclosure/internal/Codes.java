package org.kept.disclosure.internal;

/** The closed vocabularies of a request: what kind of body asks, about what, for which data, with which papers. */
public final class Codes {

    private Codes() {
    }

    /** Who asks: 公安机关, 检察院, 法院, other (国家安全, 纪检 …); the transparency report counts by it. */
    public enum AgencyType {
        PUBLIC_SECURITY, PROCURATORATE, COURT, OTHER
    }

    /** What the request is about: an order, a trip (the order system's number for a ride), or a phone number. */
    public enum SubjectKind {
        ORDER, TRIP, PHONE
    }

    /** The data an agency may ask for; each is gathered through its owning module's API. */
    public enum DataField {
        NAME, PHONES, EMAILS, TICKETS, CONTACTS, ORDERS
    }

    /** 调取证据通知书, 受案回执/立案决定书, 介绍信, anything else. */
    public enum DocumentKind {
        NOTICE, CASE_PROOF, INTRO_LETTER, OTHER
    }

    public enum State {
        SUBMITTED, REVIEWED, RELEASED, REJECTED
    }

    public enum CallbackOutcome {
        CONFIRMED, NOT_CONFIRMED, NO_ANSWER
    }
}
