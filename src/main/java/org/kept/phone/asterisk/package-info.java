/** The Asterisk adapter: AMI events over TCP (asterisk-java), correlated by Linkedid into the CTI call events. */
package org.kept.phone.asterisk;
