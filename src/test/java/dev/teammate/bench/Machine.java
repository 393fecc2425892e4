package dev.teammate.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The machine a benchmark ran on, printed with its figures. */
final class Machine {

    private Machine() {
    }

    static String describe() {
        return String.format(Locale.ROOT, "%s, %d cores, %d GiB RAM, Java %s (%s), max heap %d MiB", cpuModel(),
                Runtime.getRuntime().availableProcessors(), totalMemoryGib(), System.getProperty("java.version"),
                System.getProperty("java.vm.name"), Runtime.getRuntime().maxMemory() / (1024 * 1024));
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }

    private static long totalMemoryGib() {
        try {
            String line = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                    .findFirst().orElse("MemTotal: 0 kB");
            return Math.round(Long.parseLong(line.replaceAll("\\D", "")) / 1024.0 / 1024.0);
        } catch (IOException e) {
            return 0;
        }
    }
}
