import ArgumentParser

/// `incident notes [add TEXT | edit | rm N | promote N]`: the incident's shared scratchpad.
struct NotesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notes",
        abstract: "The incident's shared notes, line by line; with no subcommand, print them numbered.",
        discussion: """
            Everyone's notes merge line by line: lines added at once by two people both stay. \
            Promote a line to put it on the timeline.

            Examples:
              incident notes add "api-2 restarted, watching error rate"
              incident notes
              incident notes promote 2
            """,
        subcommands: [
            NotesList.self, NotesAdd.self, NotesEdit.self, NotesRemove.self, NotesRedact.self, NotesPromote.self,
        ],
        defaultSubcommand: NotesList.self)
}
