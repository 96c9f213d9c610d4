package io.brigade.platform.web;

import io.brigade.contracts.common.TextRules;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.brigade.platform.problem.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Refuses, before any controller runs, what no endpoint accepts: a body over the size limit (413, whether it
 * announces its length or streams it) and a path or query parameter whose text breaks {@link TextRules} (400).
 */
public class InputRulesFilter extends OncePerRequestFilter {

    private final long maxBodyBytes;
    private final ObjectMapper mapper;

    public InputRulesFilter(long maxBodyBytes, ObjectMapper mapper) {
        this.maxBodyBytes = maxBodyBytes;
        this.mapper = mapper;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > maxBodyBytes) {
            ProblemResponses.write(response, mapper, ProblemResponses.problem(HttpStatus.PAYLOAD_TOO_LARGE,
                    "payload-too-large", "The request body is larger than " + maxBodyBytes + " bytes"));
            return;
        }
        Optional<Map<String, String>> refused = refusedText(request);
        if (refused.isPresent()) {
            ProblemResponses.write(response, mapper, ProblemResponses.invalid(
                    "'" + refused.get().get("field") + "' " + refused.get().get("message"), List.of(refused.get())));
            return;
        }
        chain.doFilter(new LimitedBody(request, maxBodyBytes), response);
    }

    private static Optional<Map<String, String>> refusedText(HttpServletRequest request) {
        Optional<String> inPath = TextRules.problemWith(request.getRequestURI());
        if (inPath.isPresent()) {
            return Optional.of(Map.of("field", "path", "message", inPath.get()));
        }
        if (request.getQueryString() != null && !TextRules.isPercentEncodedUtf8(request.getQueryString())) {
            return Optional.of(Map.of("field", "query", "message", "is not percent-encoded UTF-8"));
        }
        for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
            Optional<String> inName = TextRules.problemWith(parameter.getKey());
            if (inName.isPresent()) {
                return Optional.of(Map.of("field", "query", "message", "has a parameter name that " + inName.get()));
            }
            for (String value : parameter.getValue()) {
                Optional<String> inValue = TextRules.problemWith(value);
                if (inValue.isPresent()) {
                    return Optional.of(Map.of("field", parameter.getKey(), "message", inValue.get()));
                }
            }
        }
        return Optional.empty();
    }

    /** A request whose body stops with {@link BodyTooLarge} once it passes the limit, when no length was announced. */
    private static final class LimitedBody extends HttpServletRequestWrapper {

        private final long limit;
        private ServletInputStream body;

        LimitedBody(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (body == null) {
                body = new CountingStream(super.getInputStream(), limit);
            }
            return body;
        }
    }

    private static final class CountingStream extends ServletInputStream {

        private final ServletInputStream in;
        private final long limit;
        private long read;

        CountingStream(ServletInputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws BodyTooLarge {
            read += n;
            if (read > limit) {
                throw new BodyTooLarge(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
