package io.brigade.catalog.realtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.brigade.catalog.query.LiveUpdate;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.event.EventListener;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.broker.OrderedMessageChannelDecorator;
import org.springframework.messaging.support.MessageBuilder;
import org.apache.commons.logging.LogFactory;
import org.springframework.stereotype.Component;
import org.springframework.util.MimeTypeUtils;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each STOMP subscription is an Axon subscription query: the view as it stands goes out first, then every change
 * the projections emit, each as {@code {type, version, data}} to that one subscription, in that order. Messages go
 * through the client outbound channel, whose per-session buffer and time limits drop a client that cannot keep up without holding
 * up the projections or anyone else.
 */
@Component
class LiveSubscriptions {

    private static final Logger log = LoggerFactory.getLogger(LiveSubscriptions.class);

    private final QueryGateway queries;
    private final ObjectProvider<MessageChannel> clientOutbound;
    private final ObjectMapper json;
    private final Map<String, Map<String, Disposable>> bySession = new ConcurrentHashMap<>();
    private final Map<String, MessageChannel> outboundBySession = new ConcurrentHashMap<>();

    LiveSubscriptions(QueryGateway queries, @Qualifier("clientOutboundChannel") ObjectProvider<MessageChannel> clientOutbound,
                      ObjectMapper json) {
        this.queries = queries;
        this.clientOutbound = clientOutbound;
        this.json = json;
    }

    void open(String sessionId, String subscriptionId, LiveDestination destination) {
        SubscriptionQueryResult<List<LiveUpdate>, LiveUpdate> result = queries.subscriptionQuery(destination.query(),
                ResponseTypes.multipleInstancesOf(LiveUpdate.class), ResponseTypes.instanceOf(LiveUpdate.class));
        Disposable feed = result.initialResult().flatMapMany(Flux::fromIterable)
                .concatWith(result.updates())
                .doFinally(signal -> result.cancel())
                .subscribe(update -> send(sessionId, subscriptionId, destination.destination(), update),
                        error -> log.warn("Live feed of {} ended: {}", destination.destination(), error.toString()));
        Disposable previous = bySession.computeIfAbsent(sessionId, id -> new ConcurrentHashMap<>())
                .put(subscriptionId, feed);
        if (previous != null) {
            previous.dispose();
        }
    }

    void close(String sessionId, String subscriptionId) {
        Map<String, Disposable> feeds = bySession.get(sessionId);
        if (feeds != null && subscriptionId != null) {
            Disposable feed = feeds.remove(subscriptionId);
            if (feed != null) {
                feed.dispose();
            }
        }
    }

    void closeAll(String sessionId) {
        Map<String, Disposable> feeds = bySession.remove(sessionId);
        outboundBySession.remove(sessionId);
        if (feeds != null) {
            feeds.values().forEach(Disposable::dispose);
        }
    }

    int open() {
        return bySession.values().stream().mapToInt(Map::size).sum();
    }

    @EventListener
    void on(SessionDisconnectEvent event) {
        closeAll(event.getSessionId());
    }

    private void send(String sessionId, String subscriptionId, String destination, LiveUpdate update) {
        SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
        headers.setSessionId(sessionId);
        headers.setSubscriptionId(subscriptionId);
        headers.setDestination(destination);
        headers.setContentType(MimeTypeUtils.APPLICATION_JSON);
        headers.setLeaveMutable(true);
        try {
            outboundBySession.computeIfAbsent(sessionId, id -> new OrderedMessageChannelDecorator(
                            clientOutbound.getObject(), LogFactory.getLog(LiveSubscriptions.class)))
                    .send(MessageBuilder.createMessage(json.writeValueAsBytes(update), headers.getMessageHeaders()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
