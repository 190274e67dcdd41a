import Foundation

/// The canonical JSON encoding of operations and of their bodies.
///
/// Keys are sorted and slashes left unescaped, so one operation has one encoding:
/// the same bytes on every replica, fit for checksums and golden files.
public enum OperationCoding {
    /// Encodes a whole operation (envelope and body) as one line of JSON.
    public static func encode(_ operation: Operation) throws -> Data {
        try makeEncoder().encode(operation)
    }

    /// Decodes a whole operation, checking its version, kind and values.
    public static func decode(_ data: Data) throws -> Operation {
        try JSONDecoder().decode(Operation.self, from: data)
    }

    /// Encodes the body alone, as the store keeps it beside the envelope columns.
    public static func encodeBody(_ payload: Payload) throws -> String {
        String(decoding: try makeEncoder().encode(BodyBox(payload: payload)), as: UTF8.self)
    }

    /// Decodes a body stored by `encodeBody` for an operation of `kind`.
    public static func decodeBody(_ text: String, kind: OperationKind) throws -> Payload {
        let decoder = JSONDecoder()
        decoder.userInfo[BodyBox.kindKey] = kind
        return try decoder.decode(BodyBox.self, from: Data(text.utf8)).payload
    }

    private static func makeEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}

/// Carries a payload through `JSONEncoder`/`JSONDecoder`, which need a top-level `Codable`.
private struct BodyBox: Codable {
    static let kindKey = CodingUserInfoKey(rawValue: "incident.operation.kind")!
    var payload: Payload

    init(payload: Payload) {
        self.payload = payload
    }

    init(from decoder: any Decoder) throws {
        guard let kind = decoder.userInfo[BodyBox.kindKey] as? OperationKind else {
            throw CoreError.malformedOperation("body decoded without its kind")
        }
        payload = try Payload(kind: kind, decodingFrom: decoder)
    }

    func encode(to encoder: any Encoder) throws {
        try payload.encodeBody(to: encoder)
    }
}
