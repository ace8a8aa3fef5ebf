package fr.chariot.webconsole.internal.admin;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

/**
 * The QR code of a college's enrollment link, as SVG: a technician points the iPad's camera at the screen (or at a
 * printout) instead of typing the link. The markup is built here from the code's modules only, no text of a person
 * or a device goes into it.
 */
final class EnrollmentQr {

    /** The blank border readers need around the code, in modules (the standard's minimum). */
    private static final int QUIET_ZONE = 4;

    private EnrollmentQr() {
    }

    /** The code's modules, one bit per module, quiet zone included. */
    static BitMatrix matrix(String link) {
        try {
            // Size 0: one pixel per module; the SVG scales it without blur.
            return new QRCodeWriter().encode(link, BarcodeFormat.QR_CODE, 0, 0, Map.of(
                    EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M,
                    EncodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name(),
                    EncodeHintType.MARGIN, QUIET_ZONE));
        } catch (WriterException e) {
            // Only a link longer than a QR code holds (about 2 000 characters) gets here.
            throw new IllegalStateException("cannot encode the enrollment link as a QR code", e);
        }
    }

    /** The SVG document of a link's QR code: a white square and one dark path made of horizontal runs. */
    static String svg(String link) {
        BitMatrix matrix = matrix(link);
        int width = matrix.getWidth();
        int height = matrix.getHeight();
        StringBuilder path = new StringBuilder();
        for (int y = 0; y < height; y++) {
            int x = 0;
            while (x < width) {
                if (!matrix.get(x, y)) {
                    x++;
                    continue;
                }
                int start = x;
                while (x < width && matrix.get(x, y)) {
                    x++;
                }
                int run = x - start;
                path.append('M').append(start).append(' ').append(y).append('h').append(run).append("v1h-")
                        .append(run).append('z');
            }
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + width + " " + height
                + "\" shape-rendering=\"crispEdges\">"
                + "<rect width=\"" + width + "\" height=\"" + height + "\" fill=\"#fff\"/>"
                + "<path fill=\"#000\" d=\"" + path + "\"/></svg>\n";
    }
}
