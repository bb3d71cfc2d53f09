package org.kept.social.internal;

import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

/** The WeChat push's flat XML (<xml><ToUserName>…</xml>) as a map, with DTDs and external entities refused. */
public final class WeChatXml {

    private WeChatXml() {
    }

    public static Map<String, String> parse(String xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            Element root = f.newDocumentBuilder().parse(new InputSource(new StringReader(xml))).getDocumentElement();
            Map<String, String> fields = new LinkedHashMap<>();
            for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n.getNodeType() == Node.ELEMENT_NODE) {
                    fields.put(n.getNodeName(), n.getTextContent());
                }
            }
            return fields;
        } catch (Exception e) {
            throw new WeChatCrypto.Refused("not a WeChat XML message");
        }
    }

    /** Text as CDATA (a "]]>" inside is split so it cannot end the section). */
    public static String cdata(String text) {
        return "<![CDATA[" + (text == null ? "" : text.replace("]]>", "]]]]><![CDATA[>")) + "]]>";
    }
}
