/** Demo data for the embedded database: a believable centre with teams, people, customers and tickets. */
package org.kept.demo;
