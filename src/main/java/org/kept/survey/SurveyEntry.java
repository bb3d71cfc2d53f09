package org.kept.survey;

import org.kept.ticket.TicketChange;

/** The survey module's entries on a ticket's timeline (written once the answer is final, never before). */
public sealed interface SurveyEntry extends TicketChange.Annotation {

    /** The customer answered the survey: 1 very satisfied, 2 satisfied, 3 unhappy with the attitude, 4 not solved. */
    record Answered(long surveyId, String channel, int answer) implements SurveyEntry {
        public String kind() {
            return "SURVEY_ANSWERED";
        }

        public String oldValue() {
            return channel;
        }

        public String newValue() {
            return String.valueOf(answer);
        }
    }
}
