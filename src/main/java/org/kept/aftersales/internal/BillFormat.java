package org.kept.aftersales.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.kept.shared.KeptException;

/**
 * Reads a provider's daily bill as a stream, one row at a time, never the whole file in memory.
 * <ul>
 * <li>WeChat Pay trade bill: header {@code 交易时间,公众账号ID,商户号,…,微信订单号,商户订单号,…,交易状态,…,应结订单金额,…,
 * 商户退款单号,退款金额,…,订单金额,申请退款金额,…}, every value prefixed with a back-quote; {@code 交易状态} SUCCESS is a
 * payment, REFUND a refund; the totals after {@code 总交易单数} are skipped.</li>
 * <li>Alipay 业务明细: comment lines start with {@code #}; header {@code 支付宝交易号,商户订单号,业务类型,…,订单金额（元）,…,
 * 退款批次号/请求号,…}; {@code 业务类型} 交易 is a payment, 退款 a refund (its amount negative).</li>
 * </ul>
 */
public final class BillFormat {

    /** One bill row in Kept's terms: a payment (ref = the provider's transaction id) or a refund (ref = our refund number). */
    public record Row(String kind, String ref, String orderNo, long amountMinor) {
    }

    private BillFormat() {
    }

    public static long read(String provider, BufferedReader in, Consumer<Row> rows) throws IOException {
        return switch (provider.toUpperCase(Locale.ROOT)) {
            case "WECHAT" -> wechat(in, rows);
            case "ALIPAY" -> alipay(in, rows);
            default -> throw KeptException.invalid("recon.provider.unknown", provider);
        };
    }

    private static long wechat(BufferedReader in, Consumer<Row> rows) throws IOException {
        String header = in.readLine();
        if (header == null) {
            return 0;
        }
        List<String> names = split(stripBom(header));
        int txn = index(names, "微信订单号"), order = index(names, "商户订单号"), status = index(names, "交易状态"),
                refundNo = index(names, "商户退款单号"), orderAmount = index(names, "订单金额"),
                refundAmount = index(names, "申请退款金额"), settled = index(names, "应结订单金额"),
                refunded = index(names, "退款金额");
        long n = 0;
        int lineNo = 1;
        String line;
        while ((line = in.readLine()) != null) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            if (line.startsWith("总") || line.startsWith("`总")) {
                break;
            }
            List<String> v = split(line);
            try {
                String state = v.get(status);
                if (state.equals("REFUND")) {
                    String amount = refundAmount >= 0 && !v.get(refundAmount).isEmpty() ? v.get(refundAmount) : v.get(refunded);
                    rows.accept(new Row("REFUND", v.get(refundNo), v.get(order), minor(amount)));
                } else if (state.equals("SUCCESS")) {
                    String amount = orderAmount >= 0 && !v.get(orderAmount).isEmpty() ? v.get(orderAmount) : v.get(settled);
                    rows.accept(new Row("PAY", v.get(txn), v.get(order), minor(amount)));
                } else {
                    continue;
                }
            } catch (RuntimeException e) {
                throw KeptException.invalid("recon.csv.invalid", lineNo, e.getMessage());
            }
            n++;
        }
        return n;
    }

    private static long alipay(BufferedReader in, Consumer<Row> rows) throws IOException {
        String line;
        List<String> names = null;
        int txn = -1, order = -1, type = -1, amount = -1, request = -1;
        long n = 0;
        int lineNo = 0;
        while ((line = in.readLine()) != null) {
            lineNo++;
            line = stripBom(line);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (names == null) {
                names = split(line);
                txn = index(names, "支付宝交易号");
                order = index(names, "商户订单号");
                type = index(names, "业务类型");
                amount = index(names, "订单金额");
                request = index(names, "退款批次号");
                continue;
            }
            List<String> v = split(line);
            try {
                String kind = v.get(type);
                if (kind.equals("退款")) {
                    rows.accept(new Row("REFUND", v.get(request), v.get(order), Math.abs(minor(v.get(amount)))));
                } else if (kind.equals("交易")) {
                    rows.accept(new Row("PAY", v.get(txn), v.get(order), minor(v.get(amount))));
                } else {
                    continue;
                }
            } catch (RuntimeException e) {
                throw KeptException.invalid("recon.csv.invalid", lineNo, e.getMessage());
            }
            n++;
        }
        return n;
    }

    private static long minor(String decimal) {
        return new BigDecimal(decimal).movePointRight(2).longValueExact();
    }

    private static int index(List<String> names, String prefix) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }

    private static String stripBom(String s) {
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }

    /** Comma-separated values, each trimmed of spaces, quotes and WeChat's back-quote prefix. */
    static List<String> split(String line) {
        List<String> out = new ArrayList<>(32);
        int start = 0;
        for (int i = 0; i <= line.length(); i++) {
            if (i == line.length() || line.charAt(i) == ',') {
                String v = line.substring(start, i).trim();
                if (v.startsWith("\"") && v.endsWith("\"") && v.length() >= 2) {
                    v = v.substring(1, v.length() - 1);
                }
                if (v.startsWith("`")) {
                    v = v.substring(1);
                }
                out.add(v.trim());
                start = i + 1;
            }
        }
        return out;
    }
}
