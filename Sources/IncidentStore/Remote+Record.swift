import GRDB

/// A row of `remotes`: a place this replica syncs with, and what its last syncs did.
struct RemoteRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "remotes"

    var name: String
    var location: String
    var tokenFile: String?
    var caFile: String?
    var insecureHTTP: Bool
    var lastAttempt: Int64?
    var lastSuccess: Int64?
    var lastReceived: Int?
    var lastSent: Int?
    var lastError: String?

    enum CodingKeys: String, CodingKey {
        case name, location
        case tokenFile = "token_file"
        case caFile = "ca_file"
        case insecureHTTP = "insecure_http"
        case lastAttempt = "last_attempt"
        case lastSuccess = "last_success"
        case lastReceived = "last_received"
        case lastSent = "last_sent"
        case lastError = "last_error"
    }

    enum Columns {
        static let name = Column(CodingKeys.name)
        static let lastAttempt = Column(CodingKeys.lastAttempt)
        static let lastSuccess = Column(CodingKeys.lastSuccess)
        static let lastReceived = Column(CodingKeys.lastReceived)
        static let lastSent = Column(CodingKeys.lastSent)
        static let lastError = Column(CodingKeys.lastError)
    }

    /// A new remote's row: no sync yet.
    init(_ remote: Remote) {
        name = remote.name
        location = remote.location
        tokenFile = remote.tokenFile
        caFile = remote.caFile
        insecureHTTP = remote.insecureHTTP
    }

    var remote: Remote {
        var remote = Remote(
            name: name, location: location, tokenFile: tokenFile, caFile: caFile, insecureHTTP: insecureHTTP)
        remote.history.lastAttempt = lastAttempt
        remote.history.lastSuccess = lastSuccess
        remote.history.received = lastReceived ?? 0
        remote.history.sent = lastSent ?? 0
        remote.history.lastError = lastError
        return remote
    }
}
