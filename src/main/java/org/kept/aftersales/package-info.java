/** After-sales (订单售后): orders from the centre's order system, after-sales cases, refunds exactly once, daily bills. */
package org.kept.aftersales;
