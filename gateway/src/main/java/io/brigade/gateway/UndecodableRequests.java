package io.brigade.gateway;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import reactor.netty.NettyPipeline;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;

/**
 * Answers a request whose address is not even a URI (a stray {@code %}, {@code %zz}) with a problem+json 400 and
 * closes the connection. Such a request never reaches Spring: Reactor Netty would answer it with an empty 400.
 */
final class UndecodableRequests extends ChannelInboundHandlerAdapter {

    static final String NAME = "brigade.undecodableRequests";
    private static final byte[] PROBLEM = ("{\"type\":\"https://brigade.io/problems/bad-request\",\"title\":\"Bad Request\","
            + "\"status\":400,\"detail\":\"The address is not a valid URI\"}").getBytes(StandardCharsets.UTF_8);

    private boolean refused;

    static void addTo(io.netty.channel.Channel channel) {
        if (channel.pipeline().get(NettyPipeline.HttpCodec) != null && channel.pipeline().get(NAME) == null) {
            channel.pipeline().addAfter(NettyPipeline.HttpCodec, NAME, new UndecodableRequests());
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object message) {
        if (refused) {
            ReferenceCountUtil.release(message);
            return;
        }
        if (message instanceof HttpRequest request && !isUri(request.uri())) {
            refused = true;
            ReferenceCountUtil.release(message);
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.BAD_REQUEST, Unpooled.wrappedBuffer(PROBLEM));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json")
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, PROBLEM.length)
                    .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            context.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        context.fireChannelRead(message);
    }

    private static boolean isUri(String uri) {
        try {
            new URI(uri);
            return true;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
