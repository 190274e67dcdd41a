import Foundation

/// What the client and the server ask of an address before using it.
public enum HTTPAddress {
    /// Whether `host` is only reachable from this machine.
    public static func isLoopback(_ host: String) -> Bool {
        let host = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        return host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }

    /// The host and port of `HOST:PORT` (`[::1]:PORT` for IPv6), as `serve --listen` takes
    /// them; `nil` when it is not one.
    public static func listen(_ text: String) -> (host: String, port: Int)? {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
            (0...65535).contains(port)
        else { return nil }
        var host = String(text[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        return host.isEmpty ? nil : (host, port)
    }

    /// The host of an http(s) URL, when it has one.
    public static func host(of url: String) -> String? {
        URLComponents(string: url)?.host
    }
}
