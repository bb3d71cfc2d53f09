package org.kept.survey.internal;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The centre's survey rules ({@code kept.survey.*}): how long after resolution a survey goes out, how long it can be
 * answered, and how often one customer may be asked at most, so nobody is pestered.
 */
@Component
public class SurveySettings {

    final Duration delay;
    final Duration expiry;
    final Duration customerCap;
    final Duration reopenWindow;
    final Duration contactChangeWindow;
    final Duration callbackWithin;
    final String smsTemplate;
    final String linkSmsTemplate;
    final String linkBase;

    SurveySettings(@Value("${kept.survey.delay:PT2H}") Duration delay,
                   @Value("${kept.survey.expiry:P3D}") Duration expiry,
                   @Value("${kept.survey.customer-cap:P7D}") Duration customerCap,
                   @Value("${kept.survey.reopen-window:P7D}") Duration reopenWindow,
                   @Value("${kept.survey.contact-change-window:P7D}") Duration contactChangeWindow,
                   @Value("${kept.survey.callback-within:PT4H}") Duration callbackWithin,
                   @Value("${kept.survey.sms-template:SURVEY}") String smsTemplate,
                   @Value("${kept.survey.link-sms-template:SURVEY_LINK}") String linkSmsTemplate,
                   @Value("${kept.survey.link-base:http://localhost:8080}") String linkBase) {
        this.delay = delay;
        this.expiry = expiry;
        this.customerCap = customerCap;
        this.reopenWindow = reopenWindow;
        this.contactChangeWindow = contactChangeWindow;
        this.callbackWithin = callbackWithin;
        this.smsTemplate = smsTemplate;
        this.linkSmsTemplate = linkSmsTemplate;
        this.linkBase = linkBase.endsWith("/") ? linkBase.substring(0, linkBase.length() - 1) : linkBase;
    }
}
