import Mustache

/// The timeline pages' HTML, as Mustache templates: every value is escaped by the
/// template (`{{…}}`), so text from peers shows as text. No JavaScript; the page
/// reloads itself every 30 seconds, and reads on a phone.
enum PageTemplates {
    /// Both pages, parsed once. The templates are constants of this file: a test renders each.
    static let library: MustacheLibrary = {
        var library = MustacheLibrary()
        try! library.register(layout, named: "layout")
        try! library.register(incidents, named: "incidents")
        try! library.register(incident, named: "incident")
        return library
    }()

    static let layout = """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta http-equiv="refresh" content="30">
        <title>{{$title}}incidents{{/title}}</title>
        <style>
        body { font: 16px/1.45 system-ui, sans-serif; margin: 0 auto; max-width: 60rem; padding: 0.75rem;
               color: #1b1b1b; }
        h1 { font-size: 1.3rem; margin: 0.3rem 0; } h2 { font-size: 1.05rem; margin: 1.2rem 0 0.3rem; }
        table { border-collapse: collapse; width: 100%; }
        td, th { text-align: left; padding: 0.3rem 0.4rem; vertical-align: top; }
        tr { border-bottom: 1px solid #ddd; } .muted { color: #666; font-size: 0.9rem; }
        .ahead { color: #a40; font-size: 0.9rem; }
        .sev1 { color: #b00020; font-weight: bold; } .overdue { color: #b00020; }
        .conflict { background: #fff3cd; padding: 0.3rem; }
        time { font-variant-numeric: tabular-nums; white-space: nowrap; } a { color: #0645ad; }
        ol, ul { padding-left: 1.4rem; } .update { font-weight: 600; } .redacted { color: #888; font-style: italic; }
        td, p, li { overflow-wrap: break-word; } a { overflow-wrap: anywhere; }
        @media (max-width: 36rem) {
          #timeline tr { display: block; padding: 0.3rem 0; } #timeline td { display: inline; padding: 0.1rem 0.3rem; }
          #timeline td:last-child { display: block; }
        }
        .label { font-size: 0.8rem; font-weight: 600; text-transform: uppercase; color: #fff; background: #555;
                 border-radius: 0.2rem; padding: 0 0.3rem; }
        </style>
        </head>
        <body>
        {{$body}}{{/body}}
        <p class="muted">Read-only. Refreshed {{refreshed}}; reloads every 30 s.</p>
        </body>
        </html>
        """

    static let incidents = """
        {{<layout}}
        {{$title}}incidents{{/title}}
        {{$body}}
        <h1>Incidents</h1>
        {{^hasIncidents}}<p>No incidents.</p>{{/hasIncidents}}
        {{#hasIncidents}}
        <table>
        <tr><th>sev</th><th>status</th><th>incident</th><th>lead</th><th>last update</th></tr>
        {{#incidents}}
        <tr>
        <td class="sev{{severity}}">{{severity}}</td>
        <td>{{status}}{{#conflicted}} (conflict){{/conflicted}}</td>
        <td><a href="/incidents/{{id}}">{{title}}</a> <span class="muted">{{short}}</span></td>
        <td>{{lead}}</td>
        <td>{{lastUpdate}}{{#overdue}} <span class="overdue">overdue by {{overdue}}</span>{{/overdue}}</td>
        </tr>
        {{/incidents}}
        </table>
        {{/hasIncidents}}
        {{/body}}
        {{/layout}}
        """

    static let incident = """
        {{<layout}}
        {{$title}}{{title}}{{/title}}
        {{$body}}
        <p class="muted"><a href="/">all incidents</a></p>
        <h1>{{title}}</h1>
        <p><span class="sev{{severity}}">SEV{{severity}}</span> · {{status}}{{#lead}} · lead {{lead}}{{/lead}}
        · reported by {{reportedBy}}, <time>{{startedAt}}</time> · times in UTC</p>
        {{#people}}<p class="muted">people: {{people}}</p>{{/people}}
        {{#mitigation}}<p><b>Mitigation:</b> {{mitigation}}</p>{{/mitigation}}
        {{#solution}}<p><b>Solution:</b> {{solution}}</p>{{/solution}}
        {{#conflicts}}<p class="conflict">Conflict on {{what}}: {{values}}</p>{{/conflicts}}
        <h2>Timeline</h2>
        {{^timeline}}<p>Nothing recorded yet.</p>{{/timeline}}
        <table id="timeline">
        {{#timeline}}
        <tr class="{{kind}}"><td><time>{{at}}</time>{{#ahead}}<br><span class="ahead">stamped {{.}} ahead of \
        this clock</span>{{/ahead}}</td><td>{{author}}</td>
        <td{{#redacted}} class="redacted"{{/redacted}}>{{#label}}<span class="label">{{label}}</span> {{/label}}\
        {{#runs}}{{#href}}<a href="{{href}}" rel="nofollow noopener noreferrer">{{text}}</a>{{/href}}\
        {{^href}}{{text}}{{/href}}{{/runs}}</td></tr>
        {{/timeline}}
        </table>
        {{#hasNotes}}<h2>Notes</h2>
        <ol id="notes">{{#notes}}<li>{{text}} <span class="muted">{{author}}</span></li>{{/notes}}</ol>
        {{/hasNotes}}
        {{#hasAlarms}}<h2>Alarms silenced</h2>
        <ul id="alarms">{{#alarms}}<li>{{name}} <span class="muted">{{state}}</span></li>{{/alarms}}</ul>
        {{/hasAlarms}}
        {{#hasLinks}}<h2>Links</h2>
        <ul id="links">{{#links}}<li>{{kind}}:
        {{#href}}<a href="{{href}}">{{url}}</a>{{/href}}{{^href}}{{url}}{{/href}}</li>{{/links}}</ul>
        {{/hasLinks}}
        {{#postmortem}}<h2>Postmortem</h2>
        {{#summary}}<p id="summary">{{summary}}</p>{{/summary}}
        {{#hasWhys}}<ol id="whys">{{#whys}}<li>Why? {{text}}</li>{{/whys}}</ol>{{/hasWhys}}
        {{/postmortem}}
        {{#hasActions}}<h2>Action items</h2>
        <ul id="actions">{{#actions}}<li>{{#done}}[x]{{/done}}{{^done}}[ ]{{/done}} {{text}}
        {{#owner}}<span class="muted">({{owner}})</span>{{/owner}}</li>{{/actions}}</ul>
        {{/hasActions}}
        {{/body}}
        {{/layout}}
        """
}
