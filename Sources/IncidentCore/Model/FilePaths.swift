/// File paths as people type them.
public enum FilePaths {
    /// The folder holding `path`: what comes before its last `/` (`/` for a file at the
    /// root), or "" for a bare name. (Foundation's `deletingLastPathComponent` stops the
    /// program on a one-character path.)
    public static func folder(of path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "" }
        return slash == path.utf8.startIndex ? "/" : String(path[..<slash])
    }
}
