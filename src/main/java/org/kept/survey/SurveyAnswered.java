package org.kept.survey;

/**
 * A customer's final answer to a survey (1 very satisfied … 4 not solved), published in the transaction that stored
 * it, for reports and other listeners.
 */
public record SurveyAnswered(long surveyId, long ticketId, Long teamId, Long agentId, int answer) {
}
