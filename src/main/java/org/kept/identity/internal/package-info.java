/** How identity is stored and enforced: user store, tokens, login throttling, the security filter chains. */
package org.kept.identity.internal;
