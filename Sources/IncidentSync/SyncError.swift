import IncidentCore

/// What sync refuses, each with a message a person on call can act on.
public enum SyncError: ActionableError, Equatable, Sendable {
    case notABundle(String)
    case unsupportedBundle(version: Int)
    case truncatedBundle(String)
    case corruptedBundle(String)
    case uncheckedHeader(String)
    case notOwnFolder(String)
    case unwritable(String)
    case copiedReplica(from: Int64)
    case unreadable(String)
    case notAFolder(String)
    case remote(status: Int, message: String)
    case unknownRemote(String)
    case noRemotes
    case unreachable(String, reason: String)
    case tooLarge(limit: Int)
    case plainHTTP(String)
    case untrustedCertificate(String)
    case badSince(String, isFile: Bool)
    case badTokenFile(String, isEmpty: Bool)
    case badCAFile(String, isReadable: Bool)

    public var description: String {
        switch self {
        case .notABundle(let file):
            return "'\(file)' is not an incident bundle: nothing was applied"
        case .unsupportedBundle(let version):
            return "bundle format \(version) is newer than this incident understands "
                + "(format \(BundleFormat.formatVersion)): upgrade incident; nothing was applied"
        case .truncatedBundle(let file):
            return "'\(file)' is truncated (no trailer): copy it again; nothing was applied"
        case .corruptedBundle(let reason):
            return "the bundle is corrupted (\(reason)): copy it again; nothing was applied"
        case .uncheckedHeader(let file):
            return "'\(file)' is a format 1 bundle, whose checksum does not cover the vector in its header, so it "
                + "cannot say what its writer holds: use a bundle made by this version, or leave out --since"
        case .copiedReplica(let seq):
            return "this replica's folder holds ops under this replica's id that it did not make, from seq \(seq) "
                + "on: a copy of this replica file (a restored backup, a cloned machine) syncs here too. Nothing "
                + "was written. Give this copy its own id, keeping its ops: `incident init --new-id --from-seq \(seq)`"
        case .unwritable(let path):
            return "cannot write '\(path)': check that its folder exists and that you may write there"
        case .notOwnFolder(let path):
            return "'\(path)' should be this replica's folder of segments, but it is a link or a file that "
                + "someone else put there: nothing was written; move it away, then sync again"
        case .unreadable(let path):
            return "cannot read '\(path)': check the path and its permissions"
        case .notAFolder(let path):
            return "'\(path)' is not a folder: to start a shared folder there, create it (mkdir -p '\(path)'); "
                + "`incident sync` takes a folder, an http(s) URL or a remote's name"
        case .remote(let status, let message):
            return "the remote answered \(status): \(message)"
        case .noRemotes:
            return "no remotes yet: `incident remote add NAME URL-or-PATH`, or name one"
        case .unknownRemote(let name):
            return "no remote named '\(name)': `incident remote list` shows them, `incident remote add` adds one"
        case .plainHTTP(let url):
            return "refusing to sync with \(url) over plain HTTP: off this machine the token and every incident "
                + "would cross the network in clear; use https:// (`incident serve --tls-cert F --tls-key F`), "
                + "or say --insecure-http"
        case .badTokenFile(let path, let isEmpty):
            return isEmpty ? "the token file '\(path)' is empty" : "cannot read the token file '\(path)'"
        case .badCAFile(let path, let isReadable):
            return isReadable
                ? "the CA file '\(path)' holds no certificate (no -----BEGIN CERTIFICATE----- block): give the PEM "
                    + "file of the CA that signed the hub's certificate; nothing was sent"
                : "cannot read the CA file '\(path)': check the path and its permissions; nothing was sent"
        case .badSince(let text, let isFile):
            return isFile
                ? "--since '\(text)' is not an incident bundle: nothing was written"
                : "--since '\(text)' is neither a bundle file nor a JSON vector {\"replica\": seq}"
        case .untrustedCertificate(let url):
            return "the certificate of \(url) is not trusted here: give the CA that signed it, "
                + "`incident remote add NAME URL --ca-file CA.pem` or INCIDENT_CA_FILE=CA.pem; nothing was sent"
        case .tooLarge(let limit):
            return "the transfer is over \(limit) bytes: sync more often, in smaller steps"
        case .unreachable(let url, let reason):
            return "cannot reach \(url) (\(reason)): check the address and that `incident serve` runs there"
        }
    }
}
