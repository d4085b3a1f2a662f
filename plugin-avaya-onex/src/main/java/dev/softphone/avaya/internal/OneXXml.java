package dev.softphone.avaya.internal;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads one-X Agent's XML answers safely: no DTD at all (so no entity can be declared or expanded), no external
 * entities, no XInclude, JAXP secure processing on. one-X's answers are a root element with attributes and at most
 * one child, so nothing legitimate needs a DTD.
 */
public final class OneXXml {
    /** Answers larger than this are refused: one-X's answers are a few hundred bytes. */
    public static final int MAX_BYTES = 256 * 1024;

    private static final DocumentBuilderFactory FACTORY = factory();
    private static final ErrorHandler SILENT = new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    };

    private OneXXml() {
    }

    /**
     * Parses an answer.
     *
     * @param body the HTTP body
     * @return the answer
     * @throws MalformedAnswerException saying what is wrong (not XML, a DTD, no {@code ResponseCode}, too large)
     */
    public static OneXResponse parse(byte[] body) {
        if (body.length > MAX_BYTES) {
            throw new MalformedAnswerException("the answer has " + body.length + " bytes, more than the "
                    + MAX_BYTES + " a one-X answer can need");
        }
        Document doc;
        try {
            DocumentBuilder builder;
            synchronized (FACTORY) {
                builder = FACTORY.newDocumentBuilder();
            }
            builder.setErrorHandler(SILENT);
            builder.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entity " + systemId + " refused");
            });
            doc = builder.parse(new InputSource(new ByteArrayInputStream(body)));
        } catch (SAXException | IOException | ParserConfigurationException e) {
            throw new MalformedAnswerException("the answer is not acceptable XML: " + e.getMessage());
        }
        Element root = doc.getDocumentElement();
        String code = root.getAttribute("ResponseCode");
        int responseCode;
        try {
            responseCode = Integer.parseInt(code.trim());
        } catch (NumberFormatException e) {
            throw new MalformedAnswerException("<" + root.getTagName() + "> has no numeric ResponseCode (got '"
                    + code + "')");
        }
        Element child = null;
        for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                child = e;
                break;
            }
        }
        return new OneXResponse(root.getTagName(), responseCode, attributes(root),
                child == null ? null : child.getTagName(), child == null ? Map.of() : notificationFields(child));
    }

    /**
     * A notification's attributes, plus the text of its leaf child elements where no attribute has that name: the
     * sources disagree on whether fields such as {@code UCID} are attributes or elements (reference §5, LOW
     * confidence), so both are read, the attribute winning.
     */
    private static Map<String, String> notificationFields(Element element) {
        Map<String, String> out = attributes(element);
        for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && !hasElementChild(e)) {
                out.putIfAbsent(e.getTagName(), e.getTextContent().trim());
            }
        }
        return out;
    }

    private static boolean hasElementChild(Element element) {
        for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, String> attributes(Element element) {
        Map<String, String> out = new LinkedHashMap<>();
        NamedNodeMap map = element.getAttributes();
        for (int i = 0; i < map.getLength(); i++) {
            Node a = map.item(i);
            out.put(a.getNodeName(), a.getNodeValue());
        }
        return out;
    }

    private static DocumentBuilderFactory factory() {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        try {
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the XML parser cannot be made safe: " + e.getMessage(), e);
        }
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        f.setXIncludeAware(false);
        f.setExpandEntityReferences(false);
        f.setNamespaceAware(false);
        return f;
    }

    /** one-X answered something that is not a one-X answer. */
    public static final class MalformedAnswerException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        /**
         * @param message what is wrong
         */
        public MalformedAnswerException(String message) {
            super(message);
        }
    }
}
