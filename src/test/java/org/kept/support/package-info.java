/**
 * What tests share: the application under test ({@link org.kept.support.KeptTest}), people of every role, customers and
 * tickets ({@link org.kept.support.Fixtures}), authenticated real HTTP calls ({@link org.kept.support.Api},
 * {@link org.kept.support.Response}) and the list of mapped endpoints ({@link org.kept.support.Endpoints}).
 */
package org.kept.support;
