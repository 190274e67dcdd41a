import Foundation

/// A bearer token kept in a file (the hub's `--token-file`, a remote's): its first line, trimmed.
public enum TokenFile {
    /// - Throws: `SyncError.badTokenFile` when the file cannot be read or holds no token.
    public static func read(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SyncError.badTokenFile(path, isEmpty: false)
        }
        let token = String(decoding: data, as: UTF8.self).split(separator: "\n").first.map(String.init) ?? ""
        let trimmed = token.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw SyncError.badTokenFile(path, isEmpty: true) }
        return trimmed
    }
}
