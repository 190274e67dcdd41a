/// The order of an incident's note lines: a replicated growable array (RGA).
///
/// Every line names the line it was inserted after (or none: the top). Lines form a
/// tree by that name; the order is the tree read depth first, where the lines
/// inserted after the same line come newest first (by clock, then replica, which the
/// clock holds, then line id: two ops a hostile peer stamped alike still have one
/// order). So a line typed after another stays right below it, two lines inserted at
/// the same place by two replicas at once always land in the same order
/// everywhere, and each replica's run of lines stays together. Removed lines keep their
/// place, so an insert after one still finds it.
///
/// A line whose place has not arrived yet (its anchor is on a replica not synced) is
/// kept at the end, in clock order, until it does: no line is ever dropped.
public enum NoteOrder {
    /// The lines in order, removed ones included.
    ///
    /// - Complexity: O(n log n) in the lines held.
    public static func arrange(_ lines: [NoteLine]) -> [NoteLine] {
        let known = Set(lines.map(\.id))
        var children: [ItemID?: [NoteLine]] = [:]
        var orphans: [NoteLine] = []
        for line in lines {
            if let after = line.after, !known.contains(after) {
                orphans.append(line)
            } else {
                children[line.after, default: []].append(line)
            }
        }
        for key in children.keys { children[key]!.sort { ($0.inserted, $0.id) > ($1.inserted, $1.id) } }
        var ordered: [NoteLine] = []
        ordered.reserveCapacity(lines.count)
        var visited = Set<ItemID>()
        // Depth first without recursion: a long run of appended lines is a deep chain.
        func visit(from roots: [NoteLine]) {
            var stack: [NoteLine] = roots.reversed()
            while let line = stack.popLast() {
                guard visited.insert(line.id).inserted else { continue }
                ordered.append(line)
                stack.append(contentsOf: (children[line.id] ?? []).reversed())
            }
        }
        visit(from: children[nil] ?? [])
        visit(from: orphans.sorted { ($0.inserted, $0.id) < ($1.inserted, $1.id) })
        // Lines that name each other in a ring (only a hostile peer makes them) have no
        // way in from the top: they come last, in clock order, rather than vanish.
        if ordered.count < lines.count {
            visit(
                from: lines.filter { !visited.contains($0.id) }.sorted { ($0.inserted, $0.id) < ($1.inserted, $1.id) })
        }
        return ordered
    }

    /// The lines people see, in order: removed ones left out.
    public static func visible(_ lines: [NoteLine]) -> [NoteLine] {
        arrange(lines).filter { !$0.removed }
    }

    /// The removed lines, in the order they stood (`notes --removed`, to redact one).
    public static func removed(_ lines: [NoteLine]) -> [NoteLine] {
        arrange(lines).filter(\.removed)
    }
}
