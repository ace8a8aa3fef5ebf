package fr.chariot.plist.internal;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import com.dd.plist.NSObject;
import com.dd.plist.PropertyListFormatException;
import com.dd.plist.XMLPropertyListParser;

import fr.chariot.plist.api.PlistException;

/**
 * Reads an XML property list: {@link HardenedXml} parses it, this class checks it against the plist grammar, then
 * dd-plist turns the document into objects.
 *
 * <p>The grammar check exists because dd-plist is lenient where a server should not be: it drops unknown elements
 * silently, keeps the last of duplicate keys, and decides integer versus real from the text rather than the
 * element, so Apple's {@code <real>1</real>} would come back as an integer and {@code <integer>1.5</integer>} as
 * a real.
 */
public final class XmlPlistReader {

    private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");
    private static final Pattern INTEGRAL_REAL = INTEGER;
    private static final Pattern REAL = Pattern.compile("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?");
    private static final Set<String> NON_FINITE_REALS = Set.of("nan", "+infinity", "-infinity");
    private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z");
    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/=\\s]*");

    private XmlPlistReader() {
    }

    public static NSObject parse(byte[] data) throws PlistException {
        Document document = HardenedXml.parse(data);
        Element plist = document.getDocumentElement();
        if (!"plist".equals(plist.getTagName())) {
            throw new PlistException("the XML root element is <" + plist.getTagName() + ">, not <plist>");
        }
        List<Element> roots = childElements(plist, "plist");
        if (roots.size() != 1) {
            throw new PlistException("<plist> must hold exactly one value, it holds " + roots.size());
        }
        checkValue(roots.get(0), "");
        try {
            return XMLPropertyListParser.parse(document);
        } catch (PropertyListFormatException | IOException | RuntimeException e) {
            throw new PlistException("not a valid property list: " + e.getMessage(), e);
        }
    }

    /** Recursion is bounded: {@link HardenedXml} refuses elements nested deeper than {@code MAX_DEPTH}. */
    private static void checkValue(Element element, String path) throws PlistException {
        String where = path.isEmpty() ? "the root" : "key path " + path;
        switch (element.getTagName()) {
            case "dict" -> checkDictionary(element, path);
            case "array" -> {
                List<Element> items = childElements(element, path);
                for (int i = 0; i < items.size(); i++) {
                    checkValue(items.get(i), path + "[" + i + "]");
                }
            }
            case "string" -> text(element, where);
            case "true", "false" -> {
                if (element.hasChildNodes()) {
                    throw new PlistException("<" + element.getTagName() + "/> must be empty, at " + where);
                }
            }
            case "integer" -> {
                String text = text(element, where);
                if (!INTEGER.matcher(text).matches()) {
                    throw new PlistException("<integer> holds no integer, at " + where);
                }
                try {
                    Long.parseLong(text);
                } catch (NumberFormatException e) {
                    throw new PlistException("<integer> does not fit in 64 bits, at " + where);
                }
            }
            case "real" -> {
                String text = text(element, where);
                if (INTEGRAL_REAL.matcher(text).matches()) {
                    // Apple writes whole reals without a fraction; make the text unmistakably real for dd-plist.
                    element.setTextContent(text + ".0");
                } else if (!REAL.matcher(text).matches() && !NON_FINITE_REALS.contains(text.toLowerCase())) {
                    throw new PlistException("<real> holds no number, at " + where);
                }
            }
            case "data" -> {
                if (!BASE64.matcher(text(element, where)).matches()) {
                    throw new PlistException("<data> holds characters outside base64, at " + where);
                }
            }
            case "date" -> {
                String text = text(element, where);
                try {
                    if (!DATE.matcher(text).matches()) {
                        throw new PlistException("<date> is not yyyy-MM-ddTHH:mm:ssZ, at " + where);
                    }
                    Instant.parse(text);
                } catch (DateTimeParseException e) {
                    throw new PlistException("<date> is not a valid date, at " + where);
                }
            }
            default -> throw new PlistException("<" + element.getTagName() + "> is not a plist element, at " + where);
        }
    }

    private static void checkDictionary(Element dict, String path) throws PlistException {
        List<Element> children = childElements(dict, path);
        if (children.size() % 2 != 0) {
            throw new PlistException("a <dict> has a key without value, at " + describe(path));
        }
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < children.size(); i += 2) {
            Element keyElement = children.get(i);
            if (!"key".equals(keyElement.getTagName())) {
                throw new PlistException("a <dict> has <" + keyElement.getTagName() + "> where a <key> belongs, at "
                        + describe(path));
            }
            String key = text(keyElement, describe(path));
            String childPath = path.isEmpty() ? key : path + "." + key;
            if (!keys.add(key)) {
                throw new PlistException("duplicate key, at key path " + childPath);
            }
            checkValue(children.get(i + 1), childPath);
        }
    }

    /** The child elements of a container, refusing any text between them other than white space. */
    private static List<Element> childElements(Element container, String path) throws PlistException {
        List<Element> elements = new ArrayList<>();
        for (Node child = container.getFirstChild(); child != null; child = child.getNextSibling()) {
            switch (child.getNodeType()) {
                case Node.ELEMENT_NODE -> elements.add((Element) child);
                case Node.TEXT_NODE, Node.CDATA_SECTION_NODE -> {
                    if (!child.getNodeValue().isBlank()) {
                        throw new PlistException("text outside a value inside <" + container.getTagName() + ">, at "
                                + describe(path));
                    }
                }
                case Node.COMMENT_NODE, Node.PROCESSING_INSTRUCTION_NODE -> {
                    // Harmless, and dd-plist skips them.
                }
                default -> throw new PlistException("unexpected XML node inside <" + container.getTagName() + ">, at "
                        + describe(path));
            }
        }
        return elements;
    }

    /** The text of a leaf element, which may hold nothing but text. */
    private static String text(Element leaf, String where) throws PlistException {
        for (Node child = leaf.getFirstChild(); child != null; child = child.getNextSibling()) {
            short type = child.getNodeType();
            if (type != Node.TEXT_NODE && type != Node.CDATA_SECTION_NODE && type != Node.COMMENT_NODE) {
                throw new PlistException("<" + leaf.getTagName() + "> may hold only text, at " + where);
            }
        }
        return leaf.getTextContent();
    }

    private static String describe(String path) {
        return path.isEmpty() ? "the root" : "key path " + path;
    }
}
