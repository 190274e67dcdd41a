import Foundation

/// What the client and the server ask of an address before using it.
public enum HTTPAddress {
    /// Whether `host` is only reachable from this machine.
    public static func isLoopback(_ host: String) -> Bool {
        let host = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        return host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }

    /// The host of an http(s) URL, when it has one.
    public static func host(of url: String) -> String? {
        URLComponents(string: url)?.host
    }
}
