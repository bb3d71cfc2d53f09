package org.kept.phone.internal;

import java.util.Optional;
import org.kept.identity.CurrentUser;
import org.kept.identity.Directory;
import org.kept.identity.UserView;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

/** The PBX's {@code user} (a Kept user name or an agent number, 工号) as a Kept person with their permissions. */
@Component
class Agents {

    private final Directory directory;
    private final UserDetailsService users;

    Agents(Directory directory, UserDetailsService users) {
        this.directory = directory;
        this.users = users;
    }

    Optional<UserView> byRef(String ref) {
        if (ref == null) {
            return Optional.empty();
        }
        return directory.userNamed(ref).or(() -> directory.staff().stream().filter(u -> ref.equals(u.agentNo())).findFirst());
    }

    /** With the role's permissions, to mask what they may not see. */
    Optional<CurrentUser> signedInAs(UserView user) {
        try {
            return Optional.of((CurrentUser) users.loadUserByUsername(user.username())).filter(CurrentUser::isEnabled);
        } catch (UsernameNotFoundException e) {
            return Optional.empty();
        }
    }
}
