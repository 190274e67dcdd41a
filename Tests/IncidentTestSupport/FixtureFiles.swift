import Foundation

/// The repository's `Fixtures/` folder, found from this source file's place.
public enum FixtureFiles {
    public static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("Fixtures").path
    }()

    /// The bytes of `Fixtures/<relativePath>`.
    public static func data(_ relativePath: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: root).appendingPathComponent(relativePath))
    }
}
