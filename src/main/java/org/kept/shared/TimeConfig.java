package org.kept.shared;

import java.time.Clock;
import java.time.ZoneId;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Every clock read goes through this bean so tests can move time instead of sleeping. */
@Configuration(proxyBeanMethods = false)
class TimeConfig {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    CentreZone centreZone(@Value("${kept.time-zone:Asia/Shanghai}") String zone) {
        return new CentreZone(ZoneId.of(zone));
    }
}
