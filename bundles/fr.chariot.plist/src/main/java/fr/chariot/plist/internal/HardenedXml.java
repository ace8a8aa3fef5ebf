package fr.chariot.plist.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Set;

import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;

import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;
import org.xml.sax.ext.DefaultHandler2;

import fr.chariot.plist.api.PlistException;

/**
 * XML parsing for untrusted bodies. A plain {@code DOCTYPE} (devices send Apple's) is accepted and never fetched;
 * an internal DTD subset is refused as soon as it holds a declaration or a comment. The JDK's parser reports nothing
 * else of a subset (an empty {@code []}, processing instructions), and that declares nothing, so it passes.
 *
 * <p>One SAX pass reads the body: declarations (and absurd nesting) are refused as soon as the parser meets them,
 * so an entity bomb is refused before its first expansion, and the content is handed to the plist reader as it
 * comes, with no document tree in between.
 */
final class HardenedXml {

    /** Deeper than any plist a device sends; keeps the recursive steps after parsing far from the stack's end. */
    static final int MAX_DEPTH = 128;

    private static final Set<String> PREDEFINED_ENTITIES = Set.of("lt", "gt", "amp", "apos", "quot");

    private HardenedXml() {
    }

    /**
     * Reads a well-formed XML body in one pass, refusing any internal DTD subset, entity or external access as soon
     * as the parser meets it; {@code handler} sees the content.
     */
    static void read(byte[] data, DeclarationRefuser handler) throws PlistException {
        XMLReader reader = SAX.get();
        try {
            reader.setContentHandler(handler);
            reader.setDTDHandler(handler);
            reader.setEntityResolver(handler);
            reader.setErrorHandler(handler);
            reader.setProperty("http://xml.org/sax/properties/declaration-handler", handler);
            reader.setProperty("http://xml.org/sax/properties/lexical-handler", handler);
            reader.parse(new InputSource(new ByteArrayInputStream(data)));
        } catch (PlistSaxException e) {
            SAX.remove();
            throw e.cause();
        } catch (SAXException | IOException e) {
            // A reader that failed half-way may keep state: the next body gets a fresh one.
            SAX.remove();
            throw refused(e);
        }
    }

    /** Carries a grammar refusal out of the SAX parser, which only lets SAXExceptions through. */
    static final class PlistSaxException extends SAXException {

        private static final long serialVersionUID = 1L;

        PlistSaxException(PlistException cause) {
            super(cause.getMessage(), cause);
        }

        PlistException cause() {
            return (PlistException) getCause();
        }
    }

    /*
     * Building a parser (factory lookup, features) costs far more than parsing a device's small body: each thread
     * keeps its own. Factories are not thread-safe, so parsers are made under a lock, once per thread.
     */
    private static final ThreadLocal<XMLReader> SAX = ThreadLocal.withInitial(HardenedXml::newReader);

    private static synchronized XMLReader newReader() {
        try {
            SAXParserFactory factory = SAXParserFactory.newDefaultInstance();
            factory.setNamespaceAware(false);
            factory.setValidating(false);
            factory.setXIncludeAware(false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            XMLReader reader = factory.newSAXParser().getXMLReader();
            reader.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            reader.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            return reader;
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("the JDK's XML parser refuses the hardening settings", e);
        }
    }

    private static PlistException refused(Exception e) {
        if (e instanceof SAXParseException parse) {
            return new PlistException("refused XML at line " + parse.getLineNumber() + ", column "
                    + parse.getColumnNumber() + ": " + parse.getMessage(), e);
        }
        return new PlistException("refused XML: " + e.getMessage(), e);
    }

    /**
     * Throws at the first DTD declaration or other content of an internal subset, non-predefined entity, external entity lookup, parse error or element
     * nested deeper than {@link #MAX_DEPTH}. Since the external DTD is never loaded, every declaration reported
     * comes from the body itself.
     */
    static class DeclarationRefuser extends DefaultHandler2 implements ErrorHandler {

        private int depth;
        private boolean inDtd;

        @Override
        public void startDTD(String name, String publicId, String systemId) {
            inDtd = true;
        }

        @Override
        public void endDTD() {
            inDtd = false;
        }

        @Override
        public void comment(char[] text, int start, int length) throws SAXException {
            if (inDtd) {
                throw new SAXException("the DOCTYPE may not have an internal subset");
            }
        }

        @Override
        public void elementDecl(String name, String model) throws SAXException {
            throw new SAXException("DTD declarations are not accepted (element " + name + ")");
        }

        @Override
        public void attributeDecl(String element, String attribute, String type, String mode, String value)
                throws SAXException {
            throw new SAXException("DTD declarations are not accepted (attribute list of " + element + ")");
        }

        @Override
        public void internalEntityDecl(String name, String value) throws SAXException {
            throw new SAXException("entity declarations are not accepted (" + name + ")");
        }

        @Override
        public void externalEntityDecl(String name, String publicId, String systemId) throws SAXException {
            throw new SAXException("entity declarations are not accepted (" + name + ")");
        }

        @Override
        public void notationDecl(String name, String publicId, String systemId) throws SAXException {
            throw new SAXException("notation declarations are not accepted (" + name + ")");
        }

        @Override
        public void unparsedEntityDecl(String name, String publicId, String systemId, String notation)
                throws SAXException {
            throw new SAXException("entity declarations are not accepted (" + name + ")");
        }

        @Override
        public void startEntity(String name) throws SAXException {
            if (!PREDEFINED_ENTITIES.contains(name)) {
                throw new SAXException("entity references are not accepted (" + name + ")");
            }
        }

        /** An undeclared entity (its declaration would be in the external DTD, never read) is refused too. */
        @Override
        public void skippedEntity(String name) throws SAXException {
            throw new SAXException("entity references are not accepted (" + name + ")");
        }

        @Override
        public org.xml.sax.InputSource resolveEntity(String name, String publicId, String baseUri, String systemId)
                throws SAXException {
            throw new SAXException("external entities are never read");
        }

        @Override
        public org.xml.sax.InputSource resolveEntity(String publicId, String systemId) throws SAXException {
            throw new SAXException("external entities are never read");
        }

        @Override
        public void startElement(String uri, String localName, String qName, org.xml.sax.Attributes attributes)
                throws SAXException {
            if (++depth > MAX_DEPTH) {
                throw new SAXException("elements are nested deeper than " + MAX_DEPTH);
            }
        }

        @Override
        public void endElement(String uri, String localName, String qName) throws SAXException {
            depth--;
        }

        @Override
        public void warning(SAXParseException e) {
            // Warnings (e.g. about an unread DTD) do not make a body unsafe or malformed.
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    }
}
