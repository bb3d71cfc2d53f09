package org.kept.aftersales;

import java.time.LocalDate;
import java.util.List;

/** Bills in a provider's layout for the reconciliation tests. */
public final class WechatBillText {

    private WechatBillText() {
    }

    /**
     * A WeChat Pay trade bill of that day: back-quoted values, SUCCESS rows are payments, REFUND rows refunds, totals at
     * the end. Each row: status, transaction id, order no, amount, refund no.
     */
    public static String of(LocalDate day, List<String[]> rows) {
        StringBuilder b = new StringBuilder("交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,"
                + "货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,"
                + "费率,订单金额,申请退款金额,费率备注\n");
        for (String[] r : rows) {
            boolean refund = r[0].equals("REFUND");
            b.append('`').append(day).append(" 10:00:00,`wx0001,`1900000001,`0,`,`").append(r[1]).append(",`").append(r[2])
                    .append(",`oUser,`JSAPI,`").append(r[0]).append(",`CMB_CREDIT,`CNY,`").append(refund ? "0.00" : r[3])
                    .append(",`0.00,`").append(refund ? "5000" + r[4] : "").append(",`").append(refund ? r[4] : "")
                    .append(",`").append(refund ? r[3] : "0.00").append(",`0.00,`").append(refund ? "ORIGINAL" : "")
                    .append(",`").append(refund ? "SUCCESS" : "").append(",`耳机,`,`0.01,`0.60%,`")
                    .append(refund ? "0.00" : r[3]).append(",`").append(refund ? r[3] : "0.00").append(",`\n");
        }
        b.append("总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额\n`").append(rows.size())
                .append(",`0.00,`0.00,`0.00,`0.00,`0.00,`0.00\n");
        return b.toString();
    }
}
