package org.kept.social.web;

import io.swagger.v3.oas.annotations.Operation;
import org.kept.social.internal.SocialHooks;
import org.kept.ticket.Channel;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The URLs given to WeChat and Weibo: the platform's URL check (GET, echo when signed) and its pushes (POST), each
 * signed with the account's secret; a bad signature is a 403 problem and nothing is stored. A push is stored and
 * answered at once (WeChat: "success", Weibo: an empty body), its retries too; open without a sign-in.
 */
@RestController
class SocialHooksApi {

    private final SocialHooks hooks;

    SocialHooksApi(SocialHooks hooks) {
        this.hooks = hooks;
    }

    @GetMapping(value = "/api/v1/hooks/wechat/{account}")
    @Operation(summary = "WeChat's callback URL check: echostr back when signature = sha1(sorted token, timestamp, nonce)")
    ResponseEntity<String> wechatCheck(@PathVariable String account, @RequestParam(required = false) String signature,
                       @RequestParam(required = false) String timestamp, @RequestParam(required = false) String nonce,
                       @RequestParam(required = false) String echostr) {
        return text(hooks.verify(Channel.WECHAT, account, new SocialHooks.Signed(signature, timestamp, nonce, echostr, null, null)));
    }

    @PostMapping(value = "/api/v1/hooks/wechat/{account}")
    @Operation(summary = "A follower's message or event from WeChat (XML; plain or safe mode with encrypt_type=aes and "
            + "msg_signature), deduplicated by MsgId (events by sender and time)")
    ResponseEntity<String> wechat(@PathVariable String account, @RequestParam(required = false) String signature,
                  @RequestParam(required = false) String timestamp, @RequestParam(required = false) String nonce,
                  @RequestParam(name = "encrypt_type", required = false) String encryptType,
                  @RequestParam(name = "msg_signature", required = false) String msgSignature,
                  @RequestBody(required = false) String body) {
        hooks.wechat(account, new SocialHooks.Signed(signature, timestamp, nonce, null, encryptType, msgSignature),
                body == null ? "" : body);
        return text("success");
    }

    @GetMapping(value = "/api/v1/hooks/weibo/{account}")
    @Operation(summary = "Weibo's push URL check: echostr back when signature = sha1(sorted app secret, timestamp, nonce)")
    ResponseEntity<String> weiboCheck(@PathVariable String account, @RequestParam(required = false) String signature,
                      @RequestParam(required = false) String timestamp, @RequestParam(required = false) String nonce,
                      @RequestParam(required = false) String echostr) {
        return text(hooks.verify(Channel.WEIBO, account, new SocialHooks.Signed(signature, timestamp, nonce, echostr, null, null)));
    }

    @PostMapping(value = "/api/v1/hooks/weibo/{account}")
    @Operation(summary = "A private message or @mention from Weibo's fan-service push (JSON), signed like the check; "
            + "deduplicated by sender, time and content")
    ResponseEntity<String> weibo(@PathVariable String account, @RequestParam(required = false) String signature,
                 @RequestParam(required = false) String timestamp, @RequestParam(required = false) String nonce,
                 @RequestBody(required = false) String body) {
        hooks.weibo(account, new SocialHooks.Signed(signature, timestamp, nonce, null, null, null), body == null ? "" : body);
        return text("");
    }

    /** Plain text whatever the caller accepts: the platforms compare the body itself. */
    private static ResponseEntity<String> text(String body) {
        return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body(body);
    }
}
