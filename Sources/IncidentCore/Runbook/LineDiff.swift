/// How a list of lines became another, line by line, as `notes edit` records it: the
/// old lines kept, the ones changed in place, the ones removed, and the new ones with
/// their place. A longest common subsequence finds the kept lines; between two kept
/// lines, old and new lines are paired as edits, and the rest are removals or inserts.
public enum LineDiff {
    /// One line of the new list.
    public enum Line: Equatable, Sendable {
        /// Old line `index`, unchanged.
        case kept(Int)
        /// Old line `index` with new text.
        case edited(Int, String)
        /// A line that was not there.
        case inserted(String)
    }

    /// The new list, line by line, and the old lines no longer in it.
    ///
    /// - Complexity: O(old × new) time and space: a few hundred note lines.
    public static func lines(from old: [String], to new: [String]) -> (lines: [Line], removed: [Int]) {
        let n = old.count
        let m = new.count
        // suffix[i][j]: the length of the longest common subsequence of old[i...] and new[j...].
        var suffix = [[Int]](repeating: [Int](repeating: 0, count: m + 1), count: n + 1)
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m - 1, through: 0, by: -1) {
                suffix[i][j] = old[i] == new[j] ? suffix[i + 1][j + 1] + 1 : max(suffix[i + 1][j], suffix[i][j + 1])
            }
        }
        var lines: [Line] = []
        var removed: [Int] = []
        var gapOld: [Int] = []
        var gapNew: [String] = []
        func closeGap() {
            let paired = min(gapOld.count, gapNew.count)
            for k in 0..<paired { lines.append(.edited(gapOld[k], gapNew[k])) }
            removed += gapOld.dropFirst(paired)
            lines += gapNew.dropFirst(paired).map(Line.inserted)
            gapOld = []
            gapNew = []
        }
        var i = 0
        var j = 0
        while i < n || j < m {
            if i < n, j < m, old[i] == new[j] {
                closeGap()
                lines.append(.kept(i))
                i += 1
                j += 1
            } else if j < m, i == n || suffix[i][j + 1] >= suffix[i + 1][j] {
                gapNew.append(new[j])
                j += 1
            } else {
                gapOld.append(i)
                i += 1
            }
        }
        closeGap()
        return (lines, removed)
    }
}
