package org.kept.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kept.support.Browser;
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;

/** The portal as a customer sees it on a small laptop screen. */
@KeptTest
class PortalLayoutBrowserTest {

    @Autowired
    Fixtures fixtures;

    @RegisterExtension
    final Browser.Session session = new Browser.Session();

    @Test
    void theRequestTypeChoicesReadOnOneLineAt1024Pixels() {
        Browser browser = session.get();
        browser.driver().manage().window().setSize(new Dimension(1024, 768));
        browser.signIn(fixtures.user("CUSTOMER").username()).open("/portal");
        List<WebElement> labels = browser.driver().findElements(org.openqa.selenium.By.cssSelector(".type-choice label"));
        assertThat(labels).hasSize(3);
        for (WebElement label : labels) {
            @SuppressWarnings("unchecked")
            List<Number> box = (List<Number>) browser.js("const s = arguments[0].querySelector('span'); const st = getComputedStyle(s);"
                    + "const line = parseFloat(st.lineHeight) || parseFloat(st.fontSize) * 1.4;"
                    + "return [s.getBoundingClientRect().height, line, arguments[0].getBoundingClientRect().height];", label);
            double text = box.get(0).doubleValue();
            double line = box.get(1).doubleValue();
            assertThat(text).as("height of \"%s\" (one line is %s px)", label.getText(), line).isLessThan(line * 1.5);
            assertThat(box.get(2).doubleValue()).as("label \"%s\"", label.getText()).isLessThan(line * 2);
        }
        assertThat(labels).extracting(WebElement::getText).containsExactly("询问", "建议", "投诉");
    }
}
