package dev.teammate.extract;

/**
 * A file whose text could not be taken out, with a reason a person can act on.
 *
 * <p>The message is {@code "<file name>: <reason>"}, for example {@code "report.pdf: cannot read PDF: Missing root
 * object specification in trailer."}; it is written as is next to the failed file in the error folder. The exception
 * is checked because a bad file is an expected outcome of intake that the caller has to route somewhere, not a bug.
 */
public class ExtractionException extends Exception {

    private final String fileName;
    private final String reason;

    public ExtractionException(String fileName, String reason) {
        this(fileName, reason, null);
    }

    public ExtractionException(String fileName, String reason, Throwable cause) {
        super(fileName + ": " + reason, cause);
        this.fileName = fileName;
        this.reason = reason;
    }

    /** The name of the file that failed, as given to the extractor. */
    public String fileName() {
        return fileName;
    }

    /** Why it failed, without the file name. */
    public String reason() {
        return reason;
    }
}
