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
}
