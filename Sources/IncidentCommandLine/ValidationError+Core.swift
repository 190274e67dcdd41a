import ArgumentParser
import IncidentCore

extension ValidationError {
    /// The value `parse` reads from an argument, or, when the core refuses it, a usage error
    /// (exit 2) in the core's words.
    static func parsing<T>(_ parse: () throws -> T) throws -> T {
        do {
            return try parse()
        } catch let error as CoreError {
            throw ValidationError(error.description)
        }
    }

    /// The key fingerprint `text` gives, as `incident whoami` prints it (spaces anywhere), or
    /// a usage error (exit 2) that says what one looks like.
    static func fingerprint(_ text: String) throws -> KeyFingerprint {
        guard let fingerprint = KeyFingerprint(parsing: text) else {
            throw ValidationError(
                "'\(text.visibleOnTerminal)' is not a fingerprint: 32 hex digits, as `incident whoami` prints them")
        }
        return fingerprint
    }
}
