/** The social channels' adapters (WeChat, Weibo), their signatures and crypto, stores, inbound worker and senders. */
package org.kept.social.internal;
