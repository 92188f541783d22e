package dev.parley.fuzz;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * The generator of the generated-input tests: every random choice of a run comes from one seeded
 * {@link SplittableRandom}, so the seed a failure reports reproduces the run's inputs. Runs use a fixed seed
 * unless {@code -Dparley.fuzz.seed=<seed>} or {@code -Dparley.fuzz.seed=random} says otherwise; {@code -Dparley.fuzz.factor=<n>} multiplies the tries.
 */
final class Gen {
    private static final long DEFAULT_SEED = 20261125L;

    private final SplittableRandom random;

    private Gen(SplittableRandom random) {
        this.random = random;
    }

    /** One weighted alternative for {@link #weighted}. */
    record Choice<T>(int weight, Supplier<T> value) {
    }

    static <T> Choice<T> w(int weight, Supplier<T> value) {
        return new Choice<>(weight, value);
    }

    /** Something a try does with its own generator; the try number is there for messages. */
    @FunctionalInterface
    interface Try {
        void run(Gen gen, int number) throws Exception;
    }

    /**
     * Runs {@code tries} tries (times the factor), each with a generator split from the run's seed. A failure names
     * the property, the try, the seed and how to run the same inputs again.
     */
    static void forEachTry(String property, int tries, Try body) {
        String fixed = System.getProperty("parley.fuzz.seed");
        // The test command runs a fixed seed, so a run is reproducible and cannot fail by chance; exploring new
        // inputs is -Dparley.fuzz.seed=random (see the README), and any seed a failure reports replays it.
        long seed = fixed == null || fixed.isBlank() ? DEFAULT_SEED
                : fixed.strip().equals("random") ? new SecureRandom().nextLong() : Long.parseLong(fixed.strip());
        int total = tries * Integer.getInteger("parley.fuzz.factor", 1);
        SplittableRandom master = new SplittableRandom(seed);
        for (int i = 0; i < total; i++) {
            Gen gen = new Gen(master.split());
            try {
                body.run(gen, i);
            } catch (Throwable failure) {
                AssertionError reported = new AssertionError(String.format(Locale.ROOT,
                        "%s failed at try %d of %d, seed %d (run the same inputs with -Dparley.fuzz.seed=%d)%n%s",
                        property, i + 1, total, seed, seed, failure.getMessage()), failure);
                throw reported;
            }
        }
    }

    int between(int min, int max) {
        return random.nextInt(min, max + 1);
    }

    long nextLong() {
        return random.nextLong();
    }

    boolean chance(double probability) {
        return random.nextDouble() < probability;
    }

    <T> T oneOf(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    @SafeVarargs
    final <T> T oneOf(T... values) {
        return values[random.nextInt(values.length)];
    }

    @SafeVarargs
    final <T> T weighted(Choice<T>... choices) {
        int total = 0;
        for (Choice<T> choice : choices) {
            total += choice.weight();
        }
        int pick = random.nextInt(total);
        for (Choice<T> choice : choices) {
            pick -= choice.weight();
            if (pick < 0) {
                return choice.value().get();
            }
        }
        throw new IllegalStateException();
    }

    <T> List<T> listOf(int min, int max, Supplier<T> element) {
        int size = between(min, max);
        List<T> list = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            list.add(element.get());
        }
        return list;
    }

    String hex(int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(Character.forDigit(random.nextInt(16), 16));
        }
        return text.toString();
    }

    /** Letters and digits only. */
    String alphanumeric(int minLength, int maxLength) {
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        int length = between(minLength, maxLength);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    /** Printable ASCII, space included. */
    String printableAscii(int minLength, int maxLength) {
        int length = between(minLength, maxLength);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append((char) between(0x20, 0x7e));
        }
        return text.toString();
    }

    /**
     * Text of {@code minLength} to {@code maxLength} code points drawn from everywhere in Unicode that tends to
     * break things: ASCII, Latin-1, other BMP letters and CJK, emoji outside the BMP (two UTF-16 units each),
     * combining marks, zero-width and bidi controls, control characters, lone surrogates and noncharacters.
     */
    String unicode(int minLength, int maxLength) {
        int length = between(minLength, maxLength);
        StringBuilder text = new StringBuilder(length * 2);
        for (int i = 0; i < length; i++) {
            text.appendCodePoint(codePoint());
        }
        return text.toString();
    }

    /** Like {@link #unicode} without control characters and lone surrogates: text a name could well be. */
    String printableUnicode(int minLength, int maxLength) {
        int length = between(minLength, maxLength);
        StringBuilder text = new StringBuilder(length * 2);
        for (int i = 0; i < length; i++) {
            int c;
            do {
                c = codePoint();
            } while (Character.isISOControl(c) || Character.getType(c) == Character.SURROGATE);
            text.appendCodePoint(c);
        }
        return text.toString();
    }

    int codePoint() {
        return weighted(
                w(40, () -> between(0x20, 0x7e)),
                w(8, () -> between(0xa0, 0xff)),
                w(12, () -> between(0x100, 0x2fff)),
                w(5, () -> between(0x4e00, 0x9fff)),
                w(10, () -> between(0x1f300, 0x1faff)),
                w(3, () -> between(0x10000, 0x10ffff)),
                w(4, () -> between(0x300, 0x36f)),
                w(4, () -> oneOf(0x200b, 0x200c, 0x200d, 0x200e, 0x200f, 0x202a, 0x202e, 0x2066, 0xfeff)),
                w(5, () -> oneOf(between(0x0, 0x1f), 0x7f, between(0x80, 0x9f))),
                w(3, () -> between(0xd800, 0xdfff)),
                w(2, () -> oneOf(0xfffe, 0xffff, 0xfffd, 0xe000, 0x10fffe)));
    }
}
