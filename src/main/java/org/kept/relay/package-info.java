/** Privacy-number relay (隐私号) to a ticket's counterparty, and account restrictions on the platform (平台处置). */
package org.kept.relay;
