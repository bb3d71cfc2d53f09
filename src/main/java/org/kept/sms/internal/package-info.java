/** How SMS are stored, rendered from templates, sent through the provider adapters and reported back. */
package org.kept.sms.internal;
