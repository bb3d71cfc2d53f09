package org.kept.sms.internal;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.kept.contact.OutboundSender;
import org.kept.contact.OutboxMessage;
import org.kept.ticket.Channel;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** The outbox worker's hand for SMS: the provider named in the payload sends it, with the row's key. */
@Component
class SmsSender implements OutboundSender {

    private final Map<String, SmsProvider> providers;
    private final JsonMapper json;

    SmsSender(List<SmsProvider> providers, JsonMapper json) {
        this.providers = providers.stream().collect(Collectors.toMap(SmsProvider::name, Function.identity()));
        this.json = json;
    }

    @Override
    public Channel channel() {
        return Channel.SMS;
    }

    @Override
    public String send(OutboxMessage message) throws Exception {
        SmsOut sms = json.readValue(message.payload(), SmsOut.class);
        SmsProvider provider = providers.get(sms.provider());
        if (provider == null) {
            throw new SmsProvider.SmsRefused("no SMS provider " + sms.provider());
        }
        return provider.send(sms, message.key());
    }
}
