package org.kept.mail.internal;

import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Reads a raw RFC 5322 mail with Angus Mail into a {@link ParsedMail}. */
@Component
class MailParser {

    static {
        // senders that put encoded words inside words, or label GBK text as GB2312, are common in Chinese mail
        System.setProperty("mail.mime.decodetext.strict", "false");
    }

    private static final Pattern ID = Pattern.compile("<[^<>\\s]+>");
    private static final Pattern STATUS = Pattern.compile("(?im)^Status:\\s*([245]\\.\\d{1,3}\\.\\d{1,3})");
    private static final Pattern FINAL_RECIPIENT = Pattern.compile("(?im)^(?:Final|Original)-Recipient:\\s*rfc822;\\s*<?([^\\s>]+)>?");
    private static final Pattern HEADER_ID = Pattern.compile("(?im)^Message-ID:\\s*(<[^>]+>)");

    private final Session session = Session.getInstance(new Properties());
    private final HtmlCleaner html;
    private final Attachments attachments;

    MailParser(HtmlCleaner html, Attachments attachments) {
        this.html = html;
        this.attachments = attachments;
    }

    ParsedMail parse(byte[] raw) {
        try {
            MimeMessage m = new MimeMessage(session, new ByteArrayInputStream(raw));
            Collected c = new Collected();
            walk(m, c);
            String text = c.text.length() > 0 ? c.text.toString() : HtmlCleaner.toText(c.html.toString());
            QuoteFolder.Folded folded = QuoteFolder.fold(text);
            InternetAddress from = first(m.getFrom());
            List<String> recipients = new ArrayList<>();
            for (Message.RecipientType type : List.of(Message.RecipientType.TO, Message.RecipientType.CC)) {
                addAll(recipients, m.getRecipients(type));
            }
            for (String delivered : headers(m, "Delivered-To")) {
                recipients.add(delivered.strip().toLowerCase(Locale.ROOT));
            }
            String messageId = firstId(m.getHeader("Message-ID", null));
            if (messageId == null) {
                // a mail without an id still must not be stored twice when it is delivered again
                messageId = "<" + sha256(raw) + "@missing-id.kept>";
            }
            String subject = m.getSubject();
            return new ParsedMail(messageId, firstId(m.getHeader("In-Reply-To", null)),
                    ids(m.getHeader("References", " ")), subject == null ? "" : subject.strip(),
                    from == null ? null : from.getAddress().toLowerCase(Locale.ROOT),
                    from == null ? null : from.getPersonal(), recipients,
                    m.getSentDate() == null ? null : m.getSentDate().toInstant(), folded.text(), folded.quoted(),
                    c.html.length() == 0 ? null : html.clean(c.html.toString()), c.attachments, c.refused,
                    loopHeaders(m), c.bounce);
        } catch (MessagingException | IOException e) {
            throw new IllegalArgumentException("unreadable mail: " + e.getMessage(), e);
        }
    }

    private static final class Collected {
        final StringBuilder text = new StringBuilder();
        final StringBuilder html = new StringBuilder();
        final List<ParsedMail.Attachment> attachments = new ArrayList<>();
        final List<String> refused = new ArrayList<>();
        ParsedMail.Bounce bounce;
        String deliveryStatus;
    }

    private void walk(Part part, Collected c) throws MessagingException, IOException {
        ContentType type = new ContentType(part.getContentType() == null ? "text/plain" : part.getContentType());
        String base = type.getBaseType().toLowerCase(Locale.ROOT);
        if (base.startsWith("multipart/")) {
            Multipart mp = (Multipart) part.getContent();
            boolean alternative = base.equals("multipart/alternative");
            boolean report = base.equals("multipart/report");
            for (int i = 0; i < mp.getCount(); i++) {
                BodyPart child = mp.getBodyPart(i);
                if (alternative && child.isMimeType("text/plain") && c.text.length() > 0) {
                    continue;
                }
                walk(child, c);
            }
            if (report && c.deliveryStatus != null && c.bounce == null) {
                c.bounce = new ParsedMail.Bounce(match(STATUS, c.deliveryStatus), match(FINAL_RECIPIENT, c.deliveryStatus), null);
            }
            return;
        }
        if (base.equals("message/delivery-status")) {
            c.deliveryStatus = readText(part, "US-ASCII");
            return;
        }
        if (base.equals("message/rfc822") || base.equals("text/rfc822-headers")) {
            if (c.deliveryStatus != null) {
                String headers = readText(part, "UTF-8");
                String original = match(HEADER_ID, headers);
                c.bounce = new ParsedMail.Bounce(match(STATUS, c.deliveryStatus), match(FINAL_RECIPIENT, c.deliveryStatus),
                        original);
            }
            return;
        }
        String fileName = fileName(part);
        String contentId = part instanceof jakarta.mail.internet.MimePart mp ? firstId(mp.getContentID()) : null;
        boolean attachment = Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) || fileName != null
                || (contentId != null && !base.startsWith("text/"));
        if (attachment) {
            byte[] data;
            try (InputStream in = part.getInputStream()) {
                data = in.readNBytes(attachments.maxBytes() + 1);
            }
            String name = fileName == null ? "inline" : fileName;
            String problem = attachments.problem(name, base, data);
            if (problem == null) {
                c.attachments.add(new ParsedMail.Attachment(name, base, data, contentId));
            } else {
                c.refused.add(name + ": " + problem);
            }
            return;
        }
        if (base.equals("text/html")) {
            c.html.append(readText(part, type.getParameter("charset")));
        } else if (base.startsWith("text/")) {
            if (c.text.length() > 0) {
                c.text.append("\n");
            }
            c.text.append(readText(part, type.getParameter("charset")));
        }
    }

    /** Decodes with the declared charset, reading GB2312 and GBK as GB18030 (a superset senders mislabel) and Big5 as Big5-HKSCS. */
    static String readText(Part part, String declared) throws MessagingException, IOException {
        byte[] bytes;
        try (InputStream in = part.getInputStream()) {
            bytes = in.readAllBytes();
        }
        return new String(bytes, charset(declared));
    }

    static Charset charset(String declared) {
        if (declared == null || declared.isBlank()) {
            return StandardCharsets.UTF_8;
        }
        String name = declared.strip().toLowerCase(Locale.ROOT);
        if (name.equals("gb2312") || name.equals("gbk") || name.equals("x-gbk") || name.equals("cp936") || name.equals("euc-cn")) {
            return Charset.forName("GB18030");
        }
        if (name.equals("big5")) {
            return Charset.forName("Big5-HKSCS");
        }
        try {
            return Charset.forName(MimeUtility.javaCharset(declared));
        } catch (RuntimeException unknown) {
            return StandardCharsets.UTF_8;
        }
    }

    private static String fileName(Part part) throws MessagingException {
        String name = part.getFileName();
        if (name == null) {
            return null;
        }
        try {
            return MimeUtility.decodeText(name);
        } catch (java.io.UnsupportedEncodingException e) {
            return name;
        }
    }

    private static ParsedMail.Headers loopHeaders(MimeMessage m) throws MessagingException {
        boolean list = false;
        boolean exchangeOof = false;
        for (var headers = m.getAllHeaders(); headers.hasMoreElements(); ) {
            String name = headers.nextElement().getName().toLowerCase(Locale.ROOT);
            list |= name.startsWith("list-");
            exchangeOof |= name.equals("x-ms-exchange-inbox-rules-loop") || name.equals("x-autoreply")
                    || name.equals("x-autorespond");
        }
        String[] returnPath = m.getHeader("Return-Path");
        return new ParsedMail.Headers(lower(m.getHeader("Auto-Submitted", ",")), lower(m.getHeader("Precedence", ",")),
                lower(m.getHeader("X-Loop", ",")), lower(m.getHeader("X-Auto-Response-Suppress", ",")), list,
                returnPath == null ? null : returnPath[0].strip(), returnPath != null, exchangeOof);
    }

    private static String lower(String value) {
        return value == null ? null : value.strip().toLowerCase(Locale.ROOT);
    }

    private static List<String> headers(MimeMessage m, String name) throws MessagingException {
        String[] values = m.getHeader(name);
        return values == null ? List.of() : Arrays.asList(values);
    }

    private static InternetAddress first(jakarta.mail.Address[] addresses) {
        if (addresses == null) {
            return null;
        }
        for (jakarta.mail.Address a : addresses) {
            if (a instanceof InternetAddress ia && ia.getAddress() != null) {
                return ia;
            }
        }
        return null;
    }

    private static void addAll(List<String> into, jakarta.mail.Address[] addresses) {
        if (addresses != null) {
            for (jakarta.mail.Address a : addresses) {
                if (a instanceof InternetAddress ia && ia.getAddress() != null) {
                    into.add(ia.getAddress().toLowerCase(Locale.ROOT));
                }
            }
        }
    }

    static String firstId(String header) {
        if (header == null) {
            return null;
        }
        Matcher m = ID.matcher(header);
        return m.find() ? m.group() : null;
    }

    static List<String> ids(String header) {
        if (header == null) {
            return List.of();
        }
        Set<String> all = new LinkedHashSet<>();
        Matcher m = ID.matcher(header);
        while (m.find()) {
            all.add(m.group());
        }
        return List.copyOf(all);
    }

    private static String match(Pattern p, String text) {
        Matcher m = p.matcher(text);
        return m.find() ? m.group(1) : null;
    }

    private static String sha256(byte[] raw) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(raw));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
