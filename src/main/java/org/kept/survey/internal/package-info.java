/** The survey's store, its scheduling, sending, answers, integrity signals and results. */
package org.kept.survey.internal;
