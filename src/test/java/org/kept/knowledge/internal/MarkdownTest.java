package org.kept.knowledge.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Article bodies are shown to customers: no link or image may carry a script or a whole document of its own. */
class MarkdownTest {

    @Test
    void dataLinksAndImagesAreDropped() {
        String html = Markdown.html("[点我](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)\n\n"
                + "![图](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)\n\n[大写](DATA:text/html,x)");
        assertThat(html).doesNotContainIgnoringCase("data:").contains("点我");
    }

    @Test
    void ordinaryLinksStay() {
        assertThat(Markdown.html("[帮助](https://example.com/help) [邮件](mailto:help@example.com)"))
                .contains("href=\"https://example.com/help\"").contains("href=\"mailto:help@example.com\"");
    }
}
