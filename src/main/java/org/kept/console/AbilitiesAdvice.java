package org.kept.console;

import org.kept.identity.CurrentUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Gives every console page and fragment {@code can}, so templates ask "can.write" instead of spelling permissions. */
@ControllerAdvice(basePackageClasses = AbilitiesAdvice.class)
class AbilitiesAdvice {

    @ModelAttribute("can")
    Abilities can(@AuthenticationPrincipal CurrentUser me) {
        return Abilities.of(me);
    }
}
