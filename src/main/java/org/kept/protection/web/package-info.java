/** The protection API, the console page, the abuse report and the customer's appeal pages. */
package org.kept.protection.web;
