/** What tests share: the application under test, people of every role, customers to work with. */
package org.kept.support;
