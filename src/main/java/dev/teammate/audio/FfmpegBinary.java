package dev.teammate.audio;

import dev.teammate.natives.BundledFile;
import ws.schild.jave.process.ProcessLocator;
import ws.schild.jave.process.ProcessWrapper;
import ws.schild.jave.process.ffmpeg.FFMPEGProcess;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The static ffmpeg that {@code jave-nativebin-linux64} ships, unpacked once into the hub's bin folder.
 *
 * <p>JAVE's own locator unpacks it into the temp folder and, when several JVMs start at once, one of them runs the
 * file while another is still writing it ("Text file busy"); {@link BundledFile} avoids that, and later starts reuse
 * the copy.
 */
public class FfmpegBinary implements ProcessLocator {

    private static final String RESOURCE = "/ws/schild/jave/nativebin/ffmpeg-amd64";

    private final Path executable;
    private volatile boolean ready;

    /** @param executable where the binary is kept, for example {@code data/bin/ffmpeg} */
    public FfmpegBinary(Path executable) {
        this.executable = executable.toAbsolutePath();
    }

    @Override
    public String getExecutablePath() {
        if (!ready) {
            synchronized (this) {
                try {
                    BundledFile.unpack(RESOURCE, executable, true);
                } catch (IOException e) {
                    throw new UncheckedIOException("could not unpack the bundled ffmpeg into " + executable
                            + " (jave-nativebin-linux64 only holds a Linux x86-64 build)", e);
                }
                ready = true;
            }
        }
        return executable.toString();
    }

    @Override
    public ProcessWrapper createExecutor() {
        return new FFMPEGProcess(getExecutablePath());
    }
}
