import ArgumentParser

/// The command a person most likely meant when they mistyped one (`incident lsit`).
enum CommandSuggestion {
    /// For arguments that name no command where one is expected, `incident list` (the
    /// arguments up to the mistyped word, with the nearest command in its place), or `nil`.
    static func suggestion(for arguments: [String]) -> String? {
        var command: any ParsableCommand.Type = IncidentCommand.self
        var path = ["incident"]
        for argument in arguments where !argument.hasPrefix("-") {
            let subcommands = command.configuration.subcommands
            guard !subcommands.isEmpty else { return nil }
            if let known = subcommands.first(where: { names(of: $0).contains(argument) }) {
                command = known
                path.append(argument)
                continue
            }
            guard let nearest = nearest(to: argument, among: subcommands.flatMap(names)) else { return nil }
            return (path + [nearest]).joined(separator: " ")
        }
        return nil
    }

    /// A command's name and its aliases.
    private static func names(of command: any ParsableCommand.Type) -> [String] {
        [command._commandName] + command.configuration.aliases
    }

    /// The name at the smallest edit distance from `word`, if it is at most 2 (and less
    /// than the word's length): `lsit` → `list`, `stauts` → `status`.
    static func nearest(to word: String, among names: [String]) -> String? {
        let scored = names.map { (name: $0, distance: distance(word, $0)) }
        guard let best = scored.min(by: { ($0.distance, $0.name) < ($1.distance, $1.name) }),
            best.distance <= min(2, word.count - 1)
        else { return nil }
        return best.name
    }

    /// Optimal string alignment distance: insertions, deletions, substitutions and swaps
    /// of two neighbours each cost 1.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a.lowercased())
        let b = Array(b.lowercased())
        guard !a.isEmpty, !b.isEmpty else { return max(a.count, b.count) }
        var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
                }
            }
        }
        return table[a.count][b.count]
    }
}
