package io.brigade.gateway;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.netty.NettyPipeline;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Disconnects a websocket client that has left its connection full for longer than the limit: a tablet asleep, or a
 * phone gone from the wifi without a word. What the gateway holds for a client is bounded (the relay takes no more
 * from the service while the client's connection is full), so without this such a client would hold its share, and
 * the service's connection, for as long as the operating system keeps the socket.
 */
final class WebSocketSendLimit extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(WebSocketSendLimit.class);
    private static final String NAME = "brigade.websocketSendLimit";

    private final Duration limit;
    private ScheduledFuture<?> disconnect;

    private WebSocketSendLimit(Duration limit) {
        this.limit = limit;
    }

    static void guard(Channel channel, Duration limit) {
        channel.eventLoop().execute(() -> {
            if (channel.isActive() && channel.pipeline().get(NAME) == null) {
                WebSocketSendLimit guard = new WebSocketSendLimit(limit);
                channel.pipeline().addBefore(NettyPipeline.ReactiveBridge, NAME, guard);
                guard.writabilityIs(channel);
            }
        });
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        writabilityIs(ctx.channel());
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancel();
        ctx.fireChannelInactive();
    }

    private void writabilityIs(Channel channel) {
        if (channel.isWritable()) {
            cancel();
        } else if (disconnect == null) {
            disconnect = channel.eventLoop().schedule(() -> {
                log.warn("Websocket client {} read nothing for {}: disconnected", channel.remoteAddress(), limit);
                channel.close();
            }, limit.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void cancel() {
        if (disconnect != null) {
            disconnect.cancel(false);
            disconnect = null;
        }
    }
}
