package org.kept;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Kept: a customer-service centre that keeps its promises. */
@SpringBootApplication
@EnableScheduling
public class KeptApplication {

    public static void main(String[] args) {
        SpringApplication.run(KeptApplication.class, args);
    }
}
