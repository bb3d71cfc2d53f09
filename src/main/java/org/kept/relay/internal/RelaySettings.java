package org.kept.relay.internal;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The privacy-number provider in use and its credentials, the centre's outbound line (the A number when an agent
 * calls), how long a binding lives, and the platform's account API, from {@code kept.relay.*}. The hook token is the
 * secret part of the call-report URLs ({@code /api/v1/hooks/relay/<token>/<provider>}): neither Aliyun's HTTP report
 * push nor Huawei's call notifications carry a signature we could verify, so the URL's secret (compared in constant
 * time) plus the pool key (Aliyun) or app key (Huawei) in the report is what tells a genuine push.
 */
@Component
public class RelaySettings {

    /** Aliyun Dyplsapi (号码隐私保护), RPC style, signed with the AccessKey secret (HMAC-SHA1). */
    public record Aliyun(String endpoint, String accessKeyId, String accessKeySecret, String poolKey) {
    }

    /** Huawei PrivateNumber (隐私保护通话) AXB, WSSE-authenticated with the app key and secret. */
    public record Huawei(String baseUrl, String appKey, String appSecret) {
    }

    /**
     * The platform's account API (平台账号): an empty base URL uses the built-in simulated platform. Paths are
     * templates with {@code {account}} and {@code {restriction}}.
     */
    public record Platform(String baseUrl, String token, String accountPath, String restrictPath, String liftPath) {
    }

    private volatile String provider;
    private volatile Aliyun aliyun;
    private volatile Huawei huawei;
    private volatile Platform platform;
    private final String centreLine;
    private final Duration ttl;
    private final int maxCallMinutes;
    private final String hookToken;

    RelaySettings(@Value("${kept.relay.provider:SIMULATED}") String provider,
                  @Value("${kept.relay.aliyun.endpoint:https://dyplsapi.aliyuncs.com/}") String aliyunEndpoint,
                  @Value("${kept.relay.aliyun.access-key-id:}") String accessKeyId,
                  @Value("${kept.relay.aliyun.access-key-secret:}") String accessKeySecret,
                  @Value("${kept.relay.aliyun.pool-key:}") String poolKey,
                  @Value("${kept.relay.huawei.base-url:https://rtcpns.cn-north-1.myhuaweicloud.com}") String huaweiBase,
                  @Value("${kept.relay.huawei.app-key:}") String appKey,
                  @Value("${kept.relay.huawei.app-secret:}") String appSecret,
                  @Value("${kept.relay.platform.base-url:}") String platformBase,
                  @Value("${kept.relay.platform.token:}") String platformToken,
                  @Value("${kept.relay.platform.account-path:/accounts/{account}}") String accountPath,
                  @Value("${kept.relay.platform.restrict-path:/accounts/{account}/restrictions}") String restrictPath,
                  @Value("${kept.relay.platform.lift-path:/accounts/{account}/restrictions/{restriction}}") String liftPath,
                  @Value("${kept.relay.centre-line:+862161230000}") String centreLine,
                  @Value("${kept.relay.binding-ttl:PT30M}") Duration ttl,
                  @Value("${kept.relay.max-call-minutes:30}") int maxCallMinutes,
                  @Value("${kept.relay.hook-token:}") String hookToken) {
        this.provider = provider;
        this.aliyun = new Aliyun(aliyunEndpoint, accessKeyId, accessKeySecret, poolKey);
        this.huawei = new Huawei(huaweiBase, appKey, appSecret);
        this.platform = new Platform(platformBase, platformToken, accountPath, restrictPath, liftPath);
        this.centreLine = centreLine;
        this.ttl = ttl;
        this.maxCallMinutes = maxCallMinutes;
        if (hookToken.isBlank()) {
            // fine for one instance and the demo; several instances share one (the provider pushes to any of them)
            byte[] random = new byte[16];
            new SecureRandom().nextBytes(random);
            hookToken = HexFormat.of().formatHex(random);
        }
        this.hookToken = hookToken;
    }

    /** The provider new bindings go to: SIMULATED, ALIYUN or HUAWEI. */
    public String provider() { return provider; }
    public Aliyun aliyun() { return aliyun; }
    public Huawei huawei() { return huawei; }
    public Platform platform() { return platform; }
    /** The A number of an agent's call: the centre's outbound line. */
    public String centreLine() { return centreLine; }
    /** How long a binding lives unless the case ends first. */
    public Duration ttl() { return ttl; }
    public int maxCallMinutes() { return maxCallMinutes; }
    public String hookToken() { return hookToken; }

    /** Points at another provider or platform (tests, an administrator's change). */
    public void useProvider(String code) { this.provider = code; }
    public void use(Aliyun aliyun) { this.aliyun = aliyun; }
    public void use(Huawei huawei) { this.huawei = huawei; }
    public void use(Platform platform) { this.platform = platform; }
}
