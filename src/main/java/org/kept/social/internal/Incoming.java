package org.kept.social.internal;

import java.time.Instant;

/**
 * A follower's message as an adapter read it from its platform's shape: who ({@code userRef}: WeChat openid, Weibo
 * uid), the platform's id of the message, its kind (text, image, voice) and what to show of it.
 */
record Incoming(SocialAccount account, String userRef, String externalId, String type, String text, Instant at) {
}
