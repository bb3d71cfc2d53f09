package org.kept.console;

import org.kept.identity.Directory;
import org.kept.identity.TeamView;
import org.kept.identity.UserView;
import org.springframework.stereotype.Component;

/** Team and people names for ids; the directory holds them in memory, so a page of rows costs no queries. */
@Component
class Names {

    private final Directory directory;

    Names(Directory directory) {
        this.directory = directory;
    }

    String team(Long id) {
        return id == null ? null : directory.team(id).map(TeamView::name).orElse("#" + id);
    }

    String person(Long id) {
        return id == null ? null : directory.user(id).map(UserView::displayName).orElse("#" + id);
    }
}
