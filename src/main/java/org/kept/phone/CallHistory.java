package org.kept.phone;

import java.util.List;

/**
 * Call records moved in at once (a centre's earlier PBX, the demo centre's past weeks): written with batch inserts,
 * each with its concluded contact, without replaying events, screen pops or callback tasks (an abandoned call of the
 * past is not announced again).
 */
public interface CallHistory {

    /** Imports the calls as records of the named integration (made when absent); returns how many were written. */
    int importRecords(String integration, List<HistoricCall> calls);
}
