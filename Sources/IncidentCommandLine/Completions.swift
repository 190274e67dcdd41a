import ArgumentParser
import IncidentCore
import IncidentStore

/// What the shell completes besides command names (`incident --generate-completion-script
/// bash|zsh|fish`): statuses, the fields `set` takes, entry and link kinds, and the ids of
/// the incidents in the replica.
enum Completions {
    static let statuses = CompletionKind.list(IncidentStatus.allCases.map(\.rawValue))
    static let settableFields = CompletionKind.list(["title", "severity", "lead"])
    static let entryKinds = CompletionKind.list(EntryKind.allCases.map(\.rawValue))
    static let linkKinds = CompletionKind.list(LinkKind.allCases.map(\.rawValue))
    static let incidents = CompletionKind.custom { words, _, prefix in incidentIDs(words: words, prefix: prefix) }

    /// The shortest unique prefixes of the incidents' ids, newest first, that start with
    /// `prefix`, from the replica the words name (`--db`), else the default one; none when
    /// it cannot be read.
    static func incidentIDs(words: [String], prefix: String) -> [String] {
        let flag = words.firstIndex(of: "--db")
        let db = flag.flatMap { $0 + 1 < words.count ? words[$0 + 1] : nil }
        guard let replica = try? Replica.openExisting(path: GlobalOptions.replicaPath(given: db)),
            let incidents = try? replica.incidents(includeClosed: true),
            let short = try? replica.shortIncidentIDs()
        else { return [] }
        return incidents.map { short.prefix(ofHex: $0.id.rawValue) }.filter { $0.hasPrefix(prefix) }
    }
}
