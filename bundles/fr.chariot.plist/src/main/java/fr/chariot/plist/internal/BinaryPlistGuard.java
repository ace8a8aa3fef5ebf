package fr.chariot.plist.internal;

import com.dd.plist.BinaryPropertyListParser;
import com.dd.plist.NSObject;
import com.dd.plist.PropertyListFormatException;

import fr.chariot.plist.api.PlistException;

/**
 * Reads a binary ({@code bplist00}) property list after checking its object graph, because dd-plist 1.28 trusts
 * it: container lengths are not checked against the body, nesting is unbounded (stack overflow), and an object
 * referenced many times is parsed again at each reference, so a few hundred bytes of shared references expand
 * into billions of objects.
 *
 * <p>The check walks the offset table and the containers' reference lists only: every reference must point at an
 * object, every list must fit in the body, no container may contain itself, nesting stays within
 * {@link HardenedXml#MAX_DEPTH} and the tree dd-plist will build holds at most {@link #MAX_EXPANDED_OBJECTS}.
 */
public final class BinaryPlistGuard {

    /** The most objects the parsed tree may hold, counting each reference to a shared object again. */
    static final long MAX_EXPANDED_OBJECTS = 1 << 20;

    private static final int HEADER_LENGTH = 8;
    private static final int TRAILER_LENGTH = 32;

    private final byte[] data;
    private final int objectRefSize;
    private final int objectCount;
    private final int offsetSize;
    private final int offsetTableOffset;
    /** Per object: 0 = not visited, -1 = being visited, otherwise its expanded size. */
    private final long[] expandedSize;
    /** Per visited object: how many levels its subtree spans, itself included. */
    private final int[] height;

    private BinaryPlistGuard(byte[] data, int offsetSize, int objectRefSize, int objectCount, int offsetTableOffset) {
        this.data = data;
        this.offsetSize = offsetSize;
        this.objectRefSize = objectRefSize;
        this.objectCount = objectCount;
        this.offsetTableOffset = offsetTableOffset;
        this.expandedSize = new long[objectCount];
        this.height = new int[objectCount];
    }

    public static NSObject parse(byte[] data) throws PlistException {
        if (data.length < HEADER_LENGTH + 1 + TRAILER_LENGTH
                || !"bplist00".equals(new String(data, 0, HEADER_LENGTH, java.nio.charset.StandardCharsets.US_ASCII))) {
            throw new PlistException("not a bplist00 binary property list");
        }
        int trailer = data.length - TRAILER_LENGTH;
        int offsetSize = data[trailer + 6] & 0xFF;
        int objectRefSize = data[trailer + 7] & 0xFF;
        long objectCount = readUnsigned(data, trailer + 8, 8);
        long topObject = readUnsigned(data, trailer + 16, 8);
        long offsetTableOffset = readUnsigned(data, trailer + 24, 8);
        if (offsetSize < 1 || offsetSize > 8 || objectRefSize < 1 || objectRefSize > 8) {
            throw new PlistException("binary property list: invalid offset or reference size");
        }
        if (objectCount < 1 || objectCount > data.length || topObject < 0 || topObject >= objectCount
                || offsetTableOffset < HEADER_LENGTH
                || offsetTableOffset + objectCount * offsetSize > trailer) {
            throw new PlistException("binary property list: corrupted trailer or offset table");
        }
        BinaryPlistGuard guard = new BinaryPlistGuard(data, offsetSize, objectRefSize, (int) objectCount,
                (int) offsetTableOffset);
        guard.expandedSize((int) topObject, 1);
        try {
            return BinaryPropertyListParser.parse(data);
        } catch (PropertyListFormatException | java.io.UnsupportedEncodingException | RuntimeException e) {
            throw new PlistException("not a valid binary property list: " + e.getMessage(), e);
        }
    }

    private long expandedSize(int object, int depth) throws PlistException {
        if (expandedSize[object] == -1) {
            throw new PlistException("binary property list: a container contains itself");
        }
        // A shared object met again deeper down still counts with its whole subtree.
        if (depth + Math.max(height[object], 1) - 1 > HardenedXml.MAX_DEPTH) {
            throw new PlistException("binary property list: nested deeper than " + HardenedXml.MAX_DEPTH);
        }
        if (expandedSize[object] > 0) {
            return expandedSize[object];
        }
        expandedSize[object] = -1;
        long size = 1;
        int subtreeHeight = 1;
        int offset = objectOffset(object);
        int marker = data[offset] & 0xFF;
        int type = marker >>> 4;
        // 0xA array, 0xB ordered set, 0xC set, 0xD dictionary (keys then values); other types hold no references.
        if (type >= 0xA && type <= 0xD) {
            int info = marker & 0x0F;
            long count = info;
            int listStart = offset + 1;
            if (info == 0x0F) {
                int intMarker = data[checkInBody(offset + 1, 1)] & 0xFF;
                int intLength = 1 << (intMarker & 0x0F);
                if (intMarker >>> 4 != 0x1 || intLength > 8) {
                    throw new PlistException("binary property list: invalid container length at offset " + offset);
                }
                count = readUnsigned(data, checkInBody(offset + 2, intLength), intLength);
                listStart = offset + 2 + intLength;
            }
            long references = type == 0xD ? 2 * count : count;
            if (count < 0 || count > data.length || listStart + references * objectRefSize > offsetTableOffset) {
                throw new PlistException("binary property list: container at offset " + offset + " overruns the body");
            }
            for (long i = 0; i < references; i++) {
                long child = readUnsigned(data, listStart + (int) (i * objectRefSize), objectRefSize);
                if (child < 0 || child >= objectCount) {
                    throw new PlistException("binary property list: reference to a missing object at offset " + offset);
                }
                size += expandedSize((int) child, depth + 1);
                subtreeHeight = Math.max(subtreeHeight, 1 + height[(int) child]);
                if (size > MAX_EXPANDED_OBJECTS) {
                    throw new PlistException("binary property list: expands to more than " + MAX_EXPANDED_OBJECTS
                            + " objects");
                }
            }
        }
        expandedSize[object] = size;
        height[object] = subtreeHeight;
        return size;
    }

    private int objectOffset(int object) throws PlistException {
        long offset = readUnsigned(data, offsetTableOffset + object * offsetSize, offsetSize);
        if (offset < HEADER_LENGTH || offset >= offsetTableOffset) {
            throw new PlistException("binary property list: object " + object + " lies outside the body");
        }
        return (int) offset;
    }

    private int checkInBody(int start, int length) throws PlistException {
        if (start + length > offsetTableOffset) {
            throw new PlistException("binary property list: truncated object at offset " + start);
        }
        return start;
    }

    /** Big-endian unsigned; an 8-byte value above {@code Long.MAX_VALUE} comes back negative and is refused. */
    private static long readUnsigned(byte[] bytes, int start, int length) {
        long value = 0;
        for (int i = 0; i < length; i++) {
            value = (value << 8) | (bytes[start + i] & 0xFF);
        }
        return value;
    }
}
