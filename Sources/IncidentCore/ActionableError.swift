/// An error whose description tells a person on call what went wrong and what to do.
///
/// Each layer has one (`CoreError`, `StoreError`, `SyncError`, `ServerError`, and the
/// command line's own); the command line prints any of them as `incident: <description>`
/// and exits 1.
public protocol ActionableError: Error, CustomStringConvertible {}
