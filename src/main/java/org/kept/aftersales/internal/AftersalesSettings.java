package org.kept.aftersales.internal;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The order system's and the payment providers' addresses and credentials, from {@code kept.aftersales.*}. The hook
 * token is the secret part of the notification URLs ({@code /api/v1/hooks/refunds/<token>/<provider>}); WeChat Pay
 * and Alipay notifications are verified by their signatures as well.
 */
@Component
public class AftersalesSettings {

    /** The centre's order system (empty base URL: orders are only pushed to Kept). */
    public record OrderSystem(String baseUrl, String token) {
    }

    /** WeChat Pay API v3: merchant id, the merchant key and its serial for requests, the platform key and APIv3 key for notifications. */
    public record Wechat(String baseUrl, String mchId, String merchantSerial, String merchantPrivateKey,
                         String platformPublicKey, String apiV3Key, String notifyUrl) {
    }

    /** Alipay open API: gateway, app id, the app's private key for requests and Alipay's public key for its answers. */
    public record Alipay(String gateway, String appId, String appPrivateKey, String alipayPublicKey) {
    }

    private volatile OrderSystem orderSystem;
    private volatile Wechat wechat;
    private volatile Alipay alipay;
    private final String hookToken;
    private final Duration queryAfter;
    private final Duration lease;
    private final String refundAction;
    private final String goodwillAction;

    AftersalesSettings(@Value("${kept.aftersales.order-system.base-url:}") String orderBase,
                       @Value("${kept.aftersales.order-system.token:}") String orderToken,
                       @Value("${kept.aftersales.wechat.base-url:https://api.mch.weixin.qq.com}") String wechatBase,
                       @Value("${kept.aftersales.wechat.mch-id:}") String mchId,
                       @Value("${kept.aftersales.wechat.merchant-serial:}") String merchantSerial,
                       @Value("${kept.aftersales.wechat.merchant-private-key:}") String merchantKey,
                       @Value("${kept.aftersales.wechat.platform-public-key:}") String platformKey,
                       @Value("${kept.aftersales.wechat.api-v3-key:}") String apiV3Key,
                       @Value("${kept.aftersales.wechat.notify-url:}") String notifyUrl,
                       @Value("${kept.aftersales.alipay.gateway:https://openapi.alipay.com/gateway.do}") String gateway,
                       @Value("${kept.aftersales.alipay.app-id:}") String appId,
                       @Value("${kept.aftersales.alipay.app-private-key:}") String appKey,
                       @Value("${kept.aftersales.alipay.alipay-public-key:}") String alipayKey,
                       @Value("${kept.aftersales.hook-token:}") String hookToken,
                       @Value("${kept.aftersales.query-after:PT1M}") Duration queryAfter,
                       @Value("${kept.aftersales.lease:PT30S}") Duration lease,
                       @Value("${kept.aftersales.refund-action:REFUND}") String refundAction,
                       @Value("${kept.aftersales.goodwill-action:COMPENSATION}") String goodwillAction) {
        this.refundAction = refundAction;
        this.goodwillAction = goodwillAction;
        this.orderSystem = new OrderSystem(orderBase, orderToken);
        this.wechat = new Wechat(wechatBase, mchId, merchantSerial, merchantKey, platformKey, apiV3Key, notifyUrl);
        this.alipay = new Alipay(gateway, appId, appKey, alipayKey);
        if (hookToken.isBlank()) {
            // fine for one instance and the demo; several instances share one (the provider calls any of them)
            byte[] random = new byte[16];
            new SecureRandom().nextBytes(random);
            hookToken = HexFormat.of().formatHex(random);
        }
        this.hookToken = hookToken;
        this.queryAfter = queryAfter;
        this.lease = lease;
    }

    public OrderSystem orderSystem() { return orderSystem; }
    public Wechat wechat() { return wechat; }
    public Alipay alipay() { return alipay; }
    public String hookToken() { return hookToken; }
    /** How long after an accepted refund without a notification we ask the provider ourselves. */
    public Duration queryAfter() { return queryAfter; }
    /** How long one instance holds a refund it is submitting or querying before another may take it over. */
    public Duration lease() { return lease; }

    /** The authority action (a row of the authority module's action kinds) a refund is counted against. */
    public String refundAction() { return refundAction; }
    /** The authority action a goodwill refund (补偿性退款, a gesture rather than for goods) is counted against. */
    public String goodwillAction() { return goodwillAction; }

    /** Points at another order system (tests, an administrator's change). */
    public void use(OrderSystem orderSystem) { this.orderSystem = orderSystem; }
    public void use(Wechat wechat) { this.wechat = wechat; }
    public void use(Alipay alipay) { this.alipay = alipay; }
}
