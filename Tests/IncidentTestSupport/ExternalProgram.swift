import Foundation
import Testing

/// A program from outside the toolchain that an end-to-end test drives (Debian's
/// `chromium`, `syncthing`, `openssl`, `faketime`, `cmark`).
///
/// Where one is missing, the tests that need it are skipped with the reason shown, so
/// `swift test` passes on a fresh machine; `.ci/run` installs them all and sets
/// `INCIDENT_REQUIRE_PROGRAMS=1`, under which those tests always run, and a missing
/// program fails them.
public enum ExternalProgram {
    /// Whether the tests that need `name` run: it is on the `PATH`, or it is required.
    public static func runs(_ name: String) -> Bool {
        ProcessInfo.processInfo.environment["INCIDENT_REQUIRE_PROGRAMS"] == "1" || isInstalled(name)
    }

    /// Whether an executable file named `name` is in a folder of the `PATH`.
    public static func isInstalled(_ name: String) -> Bool {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").contains {
            FileManager.default.isExecutableFile(atPath: "\($0)/\(name)")
        }
    }

    /// The trait of a test that needs `name`: skipped, saying why, where it is missing.
    public static func needed(_ name: String) -> ConditionTrait {
        .enabled(
            if: runs(name),
            "needs `\(name)` (Debian's; `.ci/run` installs it): not installed here, so this test is skipped")
    }
}
