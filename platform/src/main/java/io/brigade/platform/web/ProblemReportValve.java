package io.brigade.platform.web;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import io.brigade.platform.problem.ProblemResponses;
import org.springframework.http.HttpStatus;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * Tomcat's own answer to a request it refuses before any application code runs (a URL it cannot decode, a header too
 * large), as problem+json instead of Tomcat's HTML page, and never with a stack trace or a server version.
 */
public class ProblemReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int code = response.getStatus();
        if (code < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        HttpStatus status = HttpStatus.resolve(code) == null ? HttpStatus.BAD_REQUEST : HttpStatus.valueOf(code);
        String body = "{\"type\":\"https://brigade.io/problems/" + ProblemResponses.slug(status) + "\",\"title\":\""
                + status.getReasonPhrase() + "\",\"status\":" + code + ",\"detail\":\""
                + ProblemErrorController.detail(status) + "\"}";
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(body);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response was committed: nothing more can be said
        }
    }
}
