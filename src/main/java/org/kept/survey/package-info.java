/** Surveys (满意度回访): asked by the system after resolution, answered by the customer, never chosen by an agent. */
package org.kept.survey;
