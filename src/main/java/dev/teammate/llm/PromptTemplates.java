package dev.teammate.llm;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The prompts, as plain files a person can edit: {@code <name>.system.txt} (the instructions) and
 * {@code <name>.user.txt} (the request, with {@code {{placeholders}}}) in the templates folder. They are read at
 * every use, so an edit applies to the next meeting without a restart.
 */
public final class PromptTemplates {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([a-z_]+)}}");

    private final Path folder;

    public PromptTemplates(Path folder) {
        this.folder = folder;
    }

    /** The system and user messages of a prompt, its placeholders filled in. */
    public List<ChatMessage> messages(String name, Map<String, String> values) throws IOException {
        List<ChatMessage> messages = new ArrayList<>(2);
        messages.add(SystemMessage.from(fill(name + ".system.txt", values)));
        messages.add(UserMessage.from(fill(name + ".user.txt", values)));
        return messages;
    }

    /** One template file, its placeholders filled in. */
    public String fill(String fileName, Map<String, String> values) throws IOException {
        String template;
        try {
            template = Files.readString(folder.resolve(fileName), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(folder.resolve(fileName).toString(), null,
                    "the prompt template is missing from the templates folder");
        }
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder(template.length());
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            if (value == null) {
                throw new IOException("prompt template " + fileName + " uses {{" + matcher.group(1) + "}}, which is"
                        + " not one of " + values.keySet());
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString().strip();
    }
}
