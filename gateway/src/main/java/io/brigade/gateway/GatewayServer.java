package io.brigade.gateway;

import org.springframework.boot.web.embedded.netty.NettyReactiveWebServerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The gateway serves on Reactor Netty even when Tomcat is on the classpath too (the devstack, system tests): Boot
 * would pick Tomcat first, and the gateway's websocket proxy for {@code /ws} can only upgrade a Reactor Netty request.
 */
@Configuration
class GatewayServer {

    @Bean
    NettyReactiveWebServerFactory nettyReactiveWebServerFactory() {
        return new NettyReactiveWebServerFactory();
    }
}
