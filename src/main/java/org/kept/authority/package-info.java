/** Authority (授权): limits per role and person, grants within them, and exception requests (特例申请) above them. */
package org.kept.authority;
