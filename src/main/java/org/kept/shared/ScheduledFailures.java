package org.kept.shared;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.task.SimpleAsyncTaskSchedulerCustomizer;
import org.springframework.boot.task.ThreadPoolTaskSchedulerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.ErrorHandler;

/**
 * Background work (pollers, schedulers) that fails because the database is away joins the outage's one log line
 * instead of a stack trace every second; any other failure is logged in full, as before.
 */
@Configuration(proxyBeanMethods = false)
class ScheduledFailures {

    private static final Logger log = LoggerFactory.getLogger(ScheduledFailures.class);

    @Bean
    SimpleAsyncTaskSchedulerCustomizer quietOutagesOnVirtualThreads(DatabaseOutage outage) {
        return scheduler -> scheduler.setErrorHandler(handler(outage));
    }

    @Bean
    ThreadPoolTaskSchedulerCustomizer quietOutagesOnPool(DatabaseOutage outage) {
        return scheduler -> scheduler.setErrorHandler(handler(outage));
    }

    static ErrorHandler handler(DatabaseOutage outage) {
        return failure -> {
            if (DatabaseAway.is(failure)) {
                outage.noticed(failure);
            } else {
                log.error("Unexpected failure in scheduled work", failure);
            }
        };
    }
}
