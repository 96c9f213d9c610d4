package io.brigade.platform.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Authenticates a request from {@code X-Brigade-User: username:ROLE}. Only for the devstack and tests
 * ({@code brigade.security.dev-header-enabled=true}); a production service never trusts it.
 */
public class DevHeaderAuthenticationFilter extends OncePerRequestFilter {

    public static final String HEADER = "X-Brigade-User";
    private static final Pattern VALUE = Pattern.compile("([A-Za-z0-9._-]{1,64}):([A-Z]+)");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HEADER);
        if (header != null) {
            Matcher matcher = VALUE.matcher(header.trim());
            if (matcher.matches() && Roles.ALL.contains(matcher.group(2))) {
                String username = matcher.group(1);
                String userId = UUID.nameUUIDFromBytes(username.getBytes(StandardCharsets.UTF_8)).toString();
                Caller caller = new Caller(userId, username, matcher.group(2));
                var authentication = UsernamePasswordAuthenticationToken.authenticated(caller, null,
                        List.of(new SimpleGrantedAuthority("ROLE_" + caller.role())));
                SecurityContextHolder.getContext().setAuthentication(authentication);
            }
        }
        chain.doFilter(request, response);
    }
}
