package org.kept.support;

import java.util.Map;
import org.openqa.selenium.chrome.ChromeDriver;

/** Switches a test browser's language for the pages it asks for next, as a person's browser set to English does. */
public final class BrowserLanguage {

    private BrowserLanguage() {
    }

    /** Every later request sends {@code Accept-Language: en}. */
    public static void english(Browser browser) {
        ChromeDriver chrome = (ChromeDriver) browser.driver();
        chrome.executeCdpCommand("Network.enable", Map.of());
        chrome.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", Map.of("Accept-Language", "en")));
    }
}
