/// What changed between two revisions of an article, paragraph by paragraph: `- ` removed, `+ ` added (a
/// longest-common-subsequence diff; paragraphs kept are not listed).
public enum ParagraphDiff {
    /// Each revision (oldest first) with what changed since the one before (nothing for the first).
    public static func changes(_ revisions: [ArticleRevision]) -> [(revision: ArticleRevision, lines: [String])] {
        zip(revisions, [nil] + revisions.map(Optional.some)).map { r, before in
            (r, before.map { lines(from: $0.article.paragraphs, to: r.article.paragraphs) } ?? [])
        }
    }

    public static func lines(from old: [String], to new: [String]) -> [String] {
        // Past 4 million cells (two 2,000-paragraph pages) the table costs more than it tells: list both sides.
        guard old.count * new.count <= 4_000_000 else { return old.map { "- " + $0 } + new.map { "+ " + $0 } }
        var table = [[Int]](repeating: [Int](repeating: 0, count: new.count + 1), count: old.count + 1)
        for i in stride(from: old.count - 1, through: 0, by: -1) {
            for j in stride(from: new.count - 1, through: 0, by: -1) {
                table[i][j] = old[i] == new[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
            }
        }
        var out: [String] = []
        var (i, j) = (0, 0)
        while i < old.count || j < new.count {
            if i < old.count, j < new.count, old[i] == new[j] {
                i += 1
                j += 1
            } else if i < old.count, j == new.count || table[i + 1][j] >= table[i][j + 1] {
                out.append("- " + old[i])
                i += 1
            } else {
                out.append("+ " + new[j])
                j += 1
            }
        }
        return out
    }
}
