package org.kept.sms.internal;

import java.security.SecureRandom;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Which provider sends (outbox, aliyun or tencent) and its credentials, from {@code kept.sms.*}. The callback token is
 * the secret part of the report and reply URLs given to the provider: their callbacks carry no signature.
 */
@Component
public class SmsSettings {

    private static final Logger log = LoggerFactory.getLogger(SmsSettings.class);

    /** Aliyun: AccessKey id and secret, sign name (签名), endpoint. */
    public record Aliyun(String endpoint, String accessKeyId, String accessKeySecret, String signName) {
    }

    /** Tencent Cloud: SecretId, SecretKey, SmsSdkAppId, sign name, region, endpoint. */
    public record Tencent(String endpoint, String secretId, String secretKey, String sdkAppId, String signName,
                          String region) {
    }

    private volatile String provider;
    private volatile Aliyun aliyun;
    private volatile Tencent tencent;
    private final String callbackToken;
    private volatile java.util.regex.Pattern callers;

    SmsSettings(@Value("${kept.sms.provider:outbox}") String provider,
                @Value("${kept.sms.aliyun.endpoint:https://dysmsapi.aliyuncs.com/}") String aliyunEndpoint,
                @Value("${kept.sms.aliyun.access-key-id:}") String aliyunKeyId,
                @Value("${kept.sms.aliyun.access-key-secret:}") String aliyunSecret,
                @Value("${kept.sms.aliyun.sign-name:}") String aliyunSign,
                @Value("${kept.sms.tencent.endpoint:https://sms.tencentcloudapi.com/}") String tencentEndpoint,
                @Value("${kept.sms.tencent.secret-id:}") String tencentId,
                @Value("${kept.sms.tencent.secret-key:}") String tencentKey,
                @Value("${kept.sms.tencent.sdk-app-id:}") String tencentApp,
                @Value("${kept.sms.tencent.sign-name:}") String tencentSign,
                @Value("${kept.sms.tencent.region:ap-guangzhou}") String tencentRegion,
                @Value("${kept.sms.callback-token:}") String callbackToken,
                @Value("${kept.sms.callback-addresses:}") String callbackAddresses) {
        this.provider = provider.trim().toLowerCase(java.util.Locale.ROOT);
        this.aliyun = new Aliyun(aliyunEndpoint, aliyunKeyId, aliyunSecret, aliyunSign);
        this.tencent = new Tencent(tencentEndpoint, tencentId, tencentKey, tencentApp, tencentSign, tencentRegion);
        if (callbackToken.isBlank()) {
            // fine for one instance and the demo; several instances must share one (the provider calls any of them)
            byte[] random = new byte[16];
            new SecureRandom().nextBytes(random);
            callbackToken = HexFormat.of().formatHex(random);
            log.info("kept.sms.callback-token is not set; SMS callbacks use a token made for this run only");
        }
        this.callbackToken = callbackToken;
        allowCallers(callbackAddresses);
    }

    public String provider() {
        return provider;
    }

    public Aliyun aliyun() {
        return aliyun;
    }

    public Tencent tencent() {
        return tencent;
    }

    public String callbackToken() {
        return callbackToken;
    }

    /**
     * Whether a callback may come from this address: any, unless {@code kept.sms.callback-addresses} names the
     * provider's published ranges as a regular expression (the token alone is a secret anyone who sees a log has).
     */
    public boolean allowsCaller(String address) {
        java.util.regex.Pattern p = callers;
        return p == null || (address != null && p.matcher(address).matches());
    }

    /** Sets the addresses callbacks may come from (a regular expression; blank: any). */
    public void allowCallers(String regex) {
        this.callers = regex == null || regex.isBlank() ? null : java.util.regex.Pattern.compile(regex);
    }

    /** Switches provider and endpoints at run time (tests point them at a local stand-in of the provider). */
    public void use(String provider, Aliyun aliyun, Tencent tencent) {
        this.aliyun = aliyun;
        this.tencent = tencent;
        this.provider = provider;
    }
}
