/** The agent console (坐席工作台) and the customer portal: server-rendered pages composed from the modules' public APIs. */
package org.kept.console;
