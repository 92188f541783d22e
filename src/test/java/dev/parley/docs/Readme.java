package dev.parley.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** README.md's fenced code blocks, in the order a reader meets them. */
public final class Readme {
    private static final Path FILE = Path.of(System.getProperty("basedir", "."), "README.md");
    private static final String FENCE = "```";

    /** A fenced block: its info string (the language, and anything after it) and its text. */
    record Block(String info, String code) {
    }

    private Readme() {
    }

    static List<Block> blocks() {
        List<String> lines;
        try {
            lines = Files.readAllLines(FILE, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Block> blocks = new ArrayList<>();
        String info = null;
        StringBuilder code = new StringBuilder();
        for (String line : lines) {
            if (info == null && line.startsWith(FENCE)) {
                info = line.substring(FENCE.length()).strip();
                code.setLength(0);
            } else if (info != null && line.strip().equals(FENCE)) {
                blocks.add(new Block(info, code.toString()));
                info = null;
            } else if (info != null) {
                code.append(line).append('\n');
            }
        }
        assertThat(info).as("a code block of %s that is never closed", FILE).isNull();
        return blocks;
    }

    /** The blocks with exactly this info string. */
    static List<String> blocks(String info) {
        return blocks().stream().filter(block -> block.info().equals(info)).map(Block::code).toList();
    }

    /** The one block with this info string that contains {@code text}; fails unless there is exactly one. */
    public static String onlyBlock(String info, String text) {
        List<String> matching = blocks(info).stream().filter(code -> code.contains(text)).toList();
        assertThat(matching).as("```%s blocks of %s containing %s", info, FILE, text).hasSize(1);
        return matching.getFirst();
    }
}
