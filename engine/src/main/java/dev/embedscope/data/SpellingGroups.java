package dev.embedscope.data;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Groups of values of one text column that probably mean one thing, found as OpenRefine's clustering finds
 * them: the same fingerprint key (case, accents, punctuation, spaces and word order removed: {@code I.T.},
 * {@code it}, {@code " IT "}), the same character-bigram fingerprint ({@code Sales}/{@code Sa les}; keys of 4
 * letters or more without digits, since {@code note 11}/{@code note 111} share their pairs), an edit
 * distance of 1 between keys of 5 characters or more (2 from 9; keys with digits are left alone, since
 * {@code A1}/{@code A2} differ on purpose), and initials of a longer value in the same column
 * ({@code IT} ↔ {@code Information Technology}). Each group is named by its most frequent value.
 */
public final class SpellingGroups {

    /** Levels compared pairwise by edit distance at most (a column with more uses the keys only). */
    public static final int EDIT_DISTANCE_LEVELS = 2_000;

    /**
     * One group.
     *
     * @param column    the column's name
     * @param values    the values, most frequent first
     * @param counts    cells per value
     * @param canonical the most frequent value, which the others would be merged into
     * @param why       the rules that joined them ("case, accents or punctuation", "edit distance",
     *                  "initials", "letter pairs")
     */
    public record Group(String column, List<String> values, long[] counts, String canonical, List<String> why) {
    }

    private SpellingGroups() {
    }

    /**
     * The groups of a category column, or of a text column whose values repeat (at most 4 distinct values in 5
     * cells; a column of unique notes or identifiers has no spellings to merge); none for other columns.
     */
    public static List<Group> of(TableColumn c) {
        List<String> levels = c.levels();
        if (levels == null || levels.size() < 2) {
            return List.of();
        }
        long cells = Arrays.stream(c.levelCounts()).sum();
        if (c.type() == ColumnType.TEXT && levels.size() * 5L > cells * 4) {
            return List.of();
        }
        int k = levels.size();
        int[] parent = new int[k];
        for (int i = 0; i < k; i++) {
            parent[i] = i;
        }
        @SuppressWarnings("unchecked")
        TreeSet<String>[] reasons = new TreeSet[k];
        String[] keys = new String[k];
        Map<String, Integer> byKey = new HashMap<>();
        Map<String, Integer> byPairs = new HashMap<>();
        for (int i = 0; i < k; i++) {
            keys[i] = fingerprint(levels.get(i));
            if (keys[i].isEmpty()) {
                continue;
            }
            join(parent, reasons, byKey.putIfAbsent(keys[i], i), i, "case, accents or punctuation");
            if (keys[i].length() >= 4 && keys[i].chars().noneMatch(Character::isDigit)) {
                join(parent, reasons, byPairs.putIfAbsent(letterPairs(levels.get(i)), i), i, "letter pairs");
            }
        }
        if (k <= EDIT_DISTANCE_LEVELS) {
            for (int i = 0; i < k; i++) {
                for (int j = i + 1; j < k; j++) {
                    if (close(keys[i], keys[j])) {
                        join(parent, reasons, i, j, "edit distance");
                    }
                }
            }
        }
        Map<String, List<Integer>> byInitials = new HashMap<>();
        for (int i = 0; i < k; i++) {
            String ini = initials(levels.get(i));
            if (ini != null) {
                byInitials.computeIfAbsent(ini, x -> new ArrayList<>()).add(i);
            }
        }
        for (int i = 0; i < k; i++) {
            String compact = keys[i].replace(" ", "");
            if (compact.length() >= 2 && compact.length() <= 6 && compact.chars().allMatch(Character::isLetter)
                    && !keys[i].contains(" ")) {
                for (int longer : byInitials.getOrDefault(compact, List.of())) {
                    join(parent, reasons, longer, i, "initials");
                }
            }
        }
        Map<Integer, List<Integer>> members = new LinkedHashMap<>();
        for (int i = 0; i < k; i++) {
            members.computeIfAbsent(find(parent, i), r -> new ArrayList<>()).add(i);
        }
        List<Group> out = new ArrayList<>();
        long[] counts = c.levelCounts();
        for (List<Integer> m : members.values()) {
            if (m.size() < 2) {
                continue;
            }
            m.sort((a, b) -> counts[b] != counts[a] ? Long.compare(counts[b], counts[a]) : Integer.compare(a, b));
            List<String> values = new ArrayList<>();
            long[] cs = new long[m.size()];
            TreeSet<String> why = new TreeSet<>();
            for (int i = 0; i < m.size(); i++) {
                values.add(levels.get(m.get(i)));
                cs[i] = counts[m.get(i)];
                if (reasons[m.get(i)] != null) {
                    why.addAll(reasons[m.get(i)]);
                }
            }
            out.add(new Group(c.name(), values, cs, values.get(0), List.copyOf(why)));
        }
        out.sort((a, b) -> Long.compare(Arrays.stream(b.counts()).sum(), Arrays.stream(a.counts()).sum()));
        return out;
    }

    private static void join(int[] parent, TreeSet<String>[] reasons, Integer a, int b, String why) {
        if (a == null || a == b) {
            return;
        }
        int ra = find(parent, a);
        int rb = find(parent, b);
        for (int x : new int[] {a, b}) {
            if (reasons[x] == null) {
                reasons[x] = new TreeSet<>();
            }
            reasons[x].add(why);
        }
        if (ra != rb) {
            parent[Math.max(ra, rb)] = Math.min(ra, rb);
        }
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private static String plain(String s) {
        String noAccents = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return noAccents.toLowerCase(Locale.ROOT);
    }

    /** OpenRefine's fingerprint: lower case, no accents or punctuation, the distinct words sorted. */
    static String fingerprint(String s) {
        String words = plain(s).replaceAll("[\\p{P}\\p{S}]", "").trim();
        if (words.isEmpty()) {
            return "";
        }
        return String.join(" ", new TreeSet<>(Arrays.asList(words.split("\\s+"))));
    }

    /** The sorted distinct letter-and-digit pairs of the value (its 2-gram fingerprint). */
    static String letterPairs(String s) {
        String t = plain(s).replaceAll("[^\\p{L}\\p{N}]", "");
        if (t.length() < 2) {
            return "\u0000" + t;
        }
        TreeSet<String> pairs = new TreeSet<>();
        for (int i = 0; i + 2 <= t.length(); i++) {
            pairs.add(t.substring(i, i + 2));
        }
        return String.join("", pairs);
    }

    /** Initials of a value of two or more words, not all short (linking words skipped), or null. */
    static String initials(String s) {
        String[] words = plain(s).replaceAll("[\\p{P}\\p{S}]", " ").trim().split("\\s+");
        if (words.length < 2) {
            return null;
        }
        if (Arrays.stream(words).allMatch(w -> w.length() < 3)) {
            return null; // I.T. is written as initials already
        }
        StringBuilder b = new StringBuilder();
        for (String w : words) {
            if (!w.isEmpty() && !List.of("of", "and", "the", "for", "de", "du", "des", "und").contains(w)
                    && Character.isLetter(w.charAt(0))) {
                b.append(w.charAt(0));
            }
        }
        return b.length() >= 2 ? b.toString() : null;
    }

    private static boolean close(String a, String b) {
        int shorter = Math.min(a.length(), b.length());
        if (shorter < 5 || Math.abs(a.length() - b.length()) > 2 || a.equals(b)
                || a.chars().anyMatch(Character::isDigit) || b.chars().anyMatch(Character::isDigit)) {
            return false;
        }
        int limit = shorter >= 9 ? 2 : 1;
        return levenshtein(a, b, limit) <= limit;
    }

    /** Levenshtein distance, stopping early once every entry of a row exceeds {@code limit}. */
    static int levenshtein(String a, String b, int limit) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            int best = cur[0];
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
                best = Math.min(best, cur[j]);
            }
            if (best > limit) {
                return best;
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /** The merges of the groups as a mapping: column → (value → canonical value), canonical values left out. */
    public static Map<String, Map<String, String>> mapping(List<Group> groups) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        for (Group g : groups) {
            Map<String, String> m = out.computeIfAbsent(g.column(), x -> new LinkedHashMap<>());
            for (String v : g.values()) {
                if (!v.equals(g.canonical())) {
                    m.put(v, g.canonical());
                }
            }
        }
        return out;
    }
}
