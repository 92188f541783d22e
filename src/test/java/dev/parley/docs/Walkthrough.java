package dev.parley.docs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The README's walkthrough blocks ({@code ```sh walkthrough}) as one bash script, instrumented so that a test can
 * see what each documented command printed and answer the commands that read from the terminal.
 *
 * <p>What the README says a command prints is the comment beside it, or the comment lines right below it: a
 * status ({@code # 403 forbidden}), then optionally the answer's {@link AnswerShape shape}
 * ({@code # 200 {"apps":[],…}}), or the shape alone ({@code # {"key":{…}}}). With a status, the command's last
 * line of output must be that status (curl's {@code -w '\n%{http_code}\n'}) and the lines before it the answer;
 * for {@code NAME=$(…)}, the answer is what NAME holds. Other comments are prose.
 *
 * <p>The script is the README's text with lines added: markers (starting with an ASCII record separator) around
 * each such command and before each {@code read -p 'prompt'} line, and after a {@code NAME=$(…)} one that prints
 * NAME.
 */
final class Walkthrough {
    static final char MARK = '\u001e';
    private static final Pattern EXPECTATION = Pattern.compile("^(?:(\\d{3})\\b[:\\s]*)?(.*)$", Pattern.DOTALL);
    private static final Pattern CAPTURE = Pattern.compile("^([A-Za-z_][A-Za-z0-9_]*)=\\$\\(");
    private static final Pattern PROMPT = Pattern.compile("-p '([^']*)'");

    /**
     * A command the README says something about (its lines, and the comment lines below it that say what it
     * prints): the status and answer it shows, or the prompts it reads.
     */
    record Step(int number, String command, Integer status, AnswerShape answer, String captured, List<String> prompts) {
    }

    private final List<Step> steps = new ArrayList<>();
    private final StringBuilder script = new StringBuilder();

    Walkthrough(List<String> blocks) {
        for (String block : blocks) {
            addBlock(block.lines().toList());
        }
    }

    /** The script: the blocks in order, under {@code set -Eeuo pipefail}, with the markers. */
    String script() {
        return "set -Eeuo pipefail\ntrap 'echo \"walkthrough: failed at: $BASH_COMMAND\" >&2' ERR\n" + script;
    }

    List<Step> steps() {
        return steps;
    }

    Step step(int number) {
        return steps.get(number);
    }

    /** What each checked step printed, from the script's output: the lines between its markers. */
    static Map<Integer, String> outputs(List<String> printed) {
        Map<Integer, String> outputs = new HashMap<>();
        Integer current = null;
        StringBuilder output = new StringBuilder();
        for (String line : printed) {
            if (line.startsWith(MARK + "step ")) {
                current = Integer.valueOf(line.substring(6));
                output.setLength(0);
            } else if (line.equals(MARK + "end") && current != null) {
                outputs.put(current, output.toString().strip());
                current = null;
            } else if (current != null) {
                output.append(line).append('\n');
            }
        }
        return outputs;
    }

    private void addBlock(List<String> lines) {
        int i = 0;
        while (i < lines.size()) {
            int first = i;
            while (lines.get(i).endsWith("\\") && i + 1 < lines.size()) {
                i++;
            }
            String command = String.join("\n", lines.subList(first, ++i));
            String said = trailingComment(command);
            if (said == null && !command.isBlank() && !command.strip().startsWith("#")) {
                StringBuilder below = new StringBuilder();
                while (i < lines.size() && saysMore(below, lines.get(i))) {
                    command += "\n" + lines.get(i);
                    below.append(lines.get(i++).strip().substring(1).strip()).append(' ');
                }
                said = below.toString().strip();
            }
            add(command, said == null ? "" : said);
        }
    }

    /**
     * Whether a comment line below a command says what it prints: it starts with a status or an answer, or goes on
     * with an answer whose brackets are still open.
     */
    private static boolean saysMore(CharSequence saidSoFar, String line) {
        String comment = line.strip();
        if (!comment.startsWith("#")) {
            return false;
        }
        return saidSoFar.isEmpty() ? comment.substring(1).strip().matches("(\\d{3}\\b|[{\\[]).*")
                : depth(saidSoFar) > 0;
    }

    private void add(String command, String said) {
        Matcher expectation = EXPECTATION.matcher(said);
        expectation.matches();
        String answerText = expectation.group(2).strip();
        Integer status = expectation.group(1) == null ? null : Integer.valueOf(expectation.group(1));
        AnswerShape answer = answerText.startsWith("{") || answerText.startsWith("[")
                ? AnswerShape.parse(answerText) : null;
        List<String> prompts = command.startsWith("read ")
                ? PROMPT.matcher(command).results().map(prompt -> prompt.group(1)).toList() : List.of();
        if (status == null && answer == null && prompts.isEmpty()) {
            script.append(command).append('\n');
            return;
        }
        Matcher capture = CAPTURE.matcher(command);
        String captured = capture.find() ? capture.group(1) : null;
        if (captured != null && status != null) {
            throw new IllegalArgumentException("a status for a command whose answer goes into " + captured
                    + " cannot be seen: " + command);
        }
        Step step = new Step(steps.size(), command, status, answer, captured, prompts);
        steps.add(step);
        mark((prompts.isEmpty() ? "step " : "prompt ") + step.number());
        script.append(command).append('\n');
        if (captured != null) {
            script.append("printf '%s\\n' \"$").append(captured).append("\"\n");
        }
        if (prompts.isEmpty()) {
            mark("end");
        }
    }

    private void mark(String what) {
        script.append("printf '\\n\\036%s\\n' '").append(what).append("'\n");
    }

    /** The comment at the end of a command's last line, outside quotes, or null. */
    private static String trailingComment(String command) {
        String line = command.substring(command.lastIndexOf('\n') + 1);
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '#' && i > 0 && Character.isWhitespace(line.charAt(i - 1))) {
                return line.substring(i + 1).strip();
            } else if (c == '#' && i == 0) {
                return null;
            }
        }
        return null;
    }

    /** How many brackets of an answer are still open. */
    private static int depth(CharSequence text) {
        int depth = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            depth += c == '{' || c == '[' ? 1 : c == '}' || c == ']' ? -1 : 0;
        }
        return depth;
    }
}
