/** Agent protection (坐席保护): abusive contacts marked, caller restrictions that route and never drop, appeals, exposure. */
package org.kept.protection;
