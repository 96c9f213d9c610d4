package io.brigade.reporting;

import io.brigade.platform.BrigadeService;
import io.brigade.reporting.report.ReportsProperties;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** The reporting service: what managers read about sales, the menu, the kitchen and adjustments, from every topic. */
@SpringBootApplication
@BrigadeService("reporting-projection")
@EnableConfigurationProperties(ReportsProperties.class)
public class ReportingApplication {

    public static void main(String[] args) {
        SpringApplication.run(ReportingApplication.class, args);
    }
}
