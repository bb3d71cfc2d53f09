/** Social channels (公众号客服、微博): WeChat Official Account and Weibo private messages as conversations on tickets, Weibo @mentions for the social-media team. */
package org.kept.social;
