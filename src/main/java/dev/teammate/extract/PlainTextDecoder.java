package dev.teammate.extract;

import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;
import org.apache.tika.mime.MimeTypes;
import org.apache.tika.parser.txt.CharsetDetector;
import org.apache.tika.parser.txt.CharsetMatch;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/**
 * Turns the bytes of a file that claims to be text into a string, or says why it is not text.
 *
 * <p>Valid UTF-8 wins, because a legacy single-byte text is almost never valid UTF-8 by accident while the reverse is
 * common. A byte order mark decides outright. Otherwise Tika's statistical detector guesses; on the short Western
 * texts teams write it often cannot tell ISO-8859-1 from ISO-8859-2 or -9, and then Windows-1252 is taken: it is
 * what Windows editors save and a superset of ISO-8859-1's printable characters. Known limit: a short Polish, Czech
 * or Turkish text saved in a legacy encoding may therefore come out with a few wrong letters; UTF-8 is always right.
 */
final class PlainTextDecoder {

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    private static final Set<String> WESTERN = Set.of("ISO-8859-1", "windows-1252");
    private static final Set<String> LATIN_LOOKALIKES =
            Set.of("ISO-8859-1", "ISO-8859-2", "ISO-8859-9", "windows-1252", "windows-1250", "windows-1254");
    private static final int DETECTION_BYTES = 64 * 1024;
    private static final int MIN_CONFIDENCE = 20;
    private static final int CLEAR_LEAD = 20;

    private static final MimeTypes MIME_TYPES = MimeTypes.getDefaultMimeTypes();

    private PlainTextDecoder() {
    }

    /**
     * Decodes {@code bytes}; {@code label} names the format in reasons ("text file", "VTT").
     *
     * @throws ExtractionException when the bytes are binary rather than text
     */
    static String decode(byte[] bytes, String fileName, String label) throws ExtractionException {
        if (startsWith(bytes, 0xEF, 0xBB, 0xBF)) {
            return new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        }
        if (startsWith(bytes, 0xFF, 0xFE)) {
            return new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16LE);
        }
        if (startsWith(bytes, 0xFE, 0xFF)) {
            return new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16BE);
        }

        rejectBinary(bytes, fileName, label);

        String utf8 = strictUtf8(bytes);
        if (utf8 != null) {
            return utf8;
        }
        return new String(bytes, guessLegacyCharset(bytes));
    }

    private static void rejectBinary(byte[] bytes, String fileName, String label) throws ExtractionException {
        int controls = 0;
        for (byte b : bytes) {
            if (b == 0) {
                throw new ExtractionException(fileName, "not a " + label + ": the file holds binary data (NUL bytes)");
            }
            // Tab, line feed, form feed, carriage return and escape occur in real text; other C0 codes do not.
            if ((b >= 0 && b < 0x20 && b != '\t' && b != '\n' && b != '\f' && b != '\r' && b != 0x1B) || b == 0x7F) {
                controls++;
            }
        }
        if (controls > Math.max(2, bytes.length / 50)) {
            throw new ExtractionException(fileName, String.format(Locale.ROOT,
                    "not a %s: %d of its %d bytes are control characters", label, controls, bytes.length));
        }

        MediaType type = detectType(bytes);
        if (!isTextual(type)) {
            throw new ExtractionException(fileName, "not a " + label + ": the content looks like " + type);
        }
    }

    private static MediaType detectType(byte[] bytes) {
        byte[] head = bytes.length > DETECTION_BYTES ? Arrays.copyOf(bytes, DETECTION_BYTES) : bytes;
        try {
            // No file name on purpose: the name says "text", the question is what the bytes say.
            return MIME_TYPES.detect(new ByteArrayInputStream(head), new Metadata());
        } catch (IOException e) {
            return MediaType.OCTET_STREAM;
        }
    }

    private static boolean isTextual(MediaType type) {
        MediaTypeRegistry registry = MIME_TYPES.getMediaTypeRegistry();
        // Octet-stream only means "no magic matched and not mostly ASCII": legitimate Greek or Cyrillic
        // single-byte text ends up there, and the NUL and control checks above already judged the bytes.
        return MediaType.OCTET_STREAM.equals(type)
                || "text".equals(type.getType())
                || registry.isInstanceOf(type, MediaType.TEXT_PLAIN);
    }

    private static String strictUtf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static Charset guessLegacyCharset(byte[] bytes) {
        CharsetDetector detector = new CharsetDetector();
        detector.setText(bytes.length > DETECTION_BYTES ? Arrays.copyOf(bytes, DETECTION_BYTES) : bytes);
        CharsetMatch best = null;
        int western = 0;
        for (CharsetMatch match : detector.detectAll()) {
            String name = match.getName();
            // UTF-16/32 without a byte order mark would have NUL bytes in Latin text, refused above; EBCDIC is
            // not what anyone drops into a team folder. Both only show up here as noise.
            if (name.startsWith("UTF-16") || name.startsWith("UTF-32") || name.startsWith("IBM")) {
                continue;
            }
            if (best == null) {
                best = match;
            }
            if (WESTERN.contains(name)) {
                western = Math.max(western, match.getConfidence());
            }
        }
        if (best == null || best.getConfidence() < MIN_CONFIDENCE || WESTERN.contains(best.getName())) {
            return WINDOWS_1252;
        }
        // On short texts the detector often ranks ISO-8859-2 or -9 above -1 for plain French or German
        // ("naïve" read as "naďve"); only a clear lead makes a Central European or Turkish reading win.
        if (LATIN_LOOKALIKES.contains(best.getName()) && best.getConfidence() - western < CLEAR_LEAD) {
            return WINDOWS_1252;
        }
        try {
            return Charset.forName(best.getName());
        } catch (IllegalArgumentException e) {
            return WINDOWS_1252;
        }
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
