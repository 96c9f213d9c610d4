package io.brigade.platform.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.brigade.platform.problem.ProblemResponses;
import org.apache.catalina.core.StandardHost;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.http.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.util.unit.DataSize;

/**
 * Every service refuses bad input at its edge, in one place: strict JSON bodies, text rules for bodies, paths and
 * queries, a body size limit, and problem+json for every refusal, including those of Tomcat and Spring Security's
 * firewall that happen before any controller runs.
 */
@AutoConfiguration(before = {HttpMessageConvertersAutoConfiguration.class, ErrorMvcAutoConfiguration.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class InputRulesConfiguration {

    @Bean
    StrictJsonHttpMessageConverter strictJsonHttpMessageConverter(ObjectMapper mapper) {
        return new StrictJsonHttpMessageConverter(mapper);
    }

    @Bean
    FilterRegistrationBean<InputRulesFilter> inputRulesFilter(
            @Value("${brigade.web.max-body-size:64KB}") DataSize maxBodySize, ObjectMapper mapper) {
        FilterRegistrationBean<InputRulesFilter> registration =
                new FilterRegistrationBean<>(new InputRulesFilter(maxBodySize.toBytes(), mapper));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    @Bean
    ProblemErrorController problemErrorController() {
        return new ProblemErrorController();
    }

    @Bean
    RequestRejectedHandler problemRequestRejectedHandler(ObjectMapper mapper) {
        return (request, response, rejected) -> ProblemResponses.write(response, mapper, ProblemResponses.problem(
                HttpStatus.BAD_REQUEST, "bad-request", "The request's address or headers are not allowed"));
    }

    @Bean
    @ConditionalOnClass(StandardHost.class)
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemReportValve() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ProblemReportValve.class.getName());
            }
        });
    }
}
