package org.kept.social.internal;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Where the platforms' APIs are and the rules of their reply windows. The base URLs are settable at run time so tests
 * point them at WireMock without a context of their own.
 */
@Component
public class SocialSettings {

    private volatile String wechatApi;
    private volatile String weiboApi;
    final Duration wechatWindow;
    final int wechatRepliesPerWindow;
    final Duration weiboWindow;
    final Duration joinWindow;

    SocialSettings(@Value("${kept.social.wechat.api:https://api.weixin.qq.com}") String wechatApi,
                   @Value("${kept.social.weibo.api:https://m.api.weibo.com}") String weiboApi,
                   @Value("${kept.social.wechat.reply-window:PT48H}") Duration wechatWindow,
                   @Value("${kept.social.wechat.replies-per-window:5}") int wechatRepliesPerWindow,
                   @Value("${kept.social.weibo.reply-window:PT48H}") Duration weiboWindow,
                   @Value("${kept.social.join-window:P3D}") Duration joinWindow) {
        this.wechatApi = strip(wechatApi);
        this.weiboApi = strip(weiboApi);
        this.wechatWindow = wechatWindow;
        this.wechatRepliesPerWindow = wechatRepliesPerWindow;
        this.weiboWindow = weiboWindow;
        this.joinWindow = joinWindow;
    }

    public String wechatApi() {
        return wechatApi;
    }

    public String weiboApi() {
        return weiboApi;
    }

    /** Points the senders at other base URLs (tests: WireMock). */
    public void useApis(String wechat, String weibo) {
        this.wechatApi = strip(wechat);
        this.weiboApi = strip(weibo);
    }

    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
