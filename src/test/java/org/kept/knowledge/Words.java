package org.kept.knowledge;

import java.util.concurrent.ThreadLocalRandom;

/** Made-up words for tests that share one database: letters only, so no segmenter splits off a digit another article has. */
final class Words {

    private Words() {
    }

    static String unique() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            out.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
        }
        return out.toString();
    }
}
