//! The argument surface of `catchall`.

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Export-control screening: may I ship this, to these people, for this use?
#[derive(Debug, Parser)]
#[command(name = "catchall", version, about, long_about = None)]
pub struct Cli {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text, global = true)]
    pub format: Format,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Screen a shipment (JSON) and print the verdict with its findings.
    Screen(ScreenArgs),
    /// Search a name against the restricted-party lists.
    Match(MatchArgs),
    /// Score name pairs read as JSON lines from stdin.
    Compare(CompareArgs),
    /// Find the control-list entry for a description in the exporter's words.
    Classify(ClassifyArgs),
    /// Show the loaded lists, or import / verify a list file.
    Lists(ListsArgs),
    /// Check an evidence pack written by `screen --evidence`: exit 0 identical, 1 differs
    /// (altered pack, other list version, other engine version), 2 cannot tell.
    Verify(VerifyArgs),
}

#[derive(Debug, Args)]
pub struct ScreenArgs {
    /// Shipment JSON file, or `-` for standard input; with `--batch`, JSON lines (one shipment
    /// per line).
    pub file: String,
    /// Screen a JSON-lines file of shipments: one line of output per shipment, in file order,
    /// on every core; any length.
    #[arg(long)]
    pub batch: bool,
    /// Threads screening a batch (0: one per core).
    #[arg(long, default_value_t = 0)]
    pub threads: usize,
    /// Shipments read, screened and written at a time in a batch.
    #[arg(long, default_value_t = crate::stream::PART_RECORDS / 4, hide = true)]
    pub part_records: usize,
    /// Extra list files to import before screening (format detected from the content).
    #[arg(long = "list", value_name = "FILE")]
    pub lists: Vec<String>,
    /// Let an imported list replace the loaded one even when it has no entries or fewer than
    /// half of them (refused otherwise: a truncated file would turn a STOP into a CLEAR).
    #[arg(long)]
    pub allow_shrink: bool,
    /// Also write an evidence pack: the shipment, engine version, rules date, each list's id,
    /// date and content hash, the report and a SHA-256 over all of it (`catchall verify` checks it).
    #[arg(long, value_name = "PACK.json")]
    pub evidence: Option<String>,
    /// The user's decisions (JSON, e.g. false positives) to record in the evidence pack.
    #[arg(long, value_name = "FILE.json", requires = "evidence")]
    pub decisions: Option<String>,
}

#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// The evidence pack.
    pub pack: String,
    /// List files holding a recorded list version that is not bundled (used only when their
    /// content hash is the recorded one).
    #[arg(long = "list", value_name = "FILE")]
    pub lists: Vec<String>,
    /// When a recorded list version is not available, re-screen with the current one and say
    /// what changed (exit 1) instead of "cannot tell" (exit 2).
    #[arg(long)]
    pub current_lists: bool,
}

#[derive(Debug, Args)]
pub struct MatchArgs {
    /// The name to search.
    #[arg(required_unless_present = "batch")]
    pub name: Option<String>,
    /// ISO-2 country of the party, used as a qualifier.
    #[arg(long)]
    pub country: Option<String>,
    /// person | organization | vessel | unknown
    #[arg(long, default_value = "unknown")]
    pub kind: String,
    /// Date of birth of the party (YYYY-MM-DD or YYYY; repeatable): a different one downgrades
    /// a match to a possible match, the same full date confirms.
    #[arg(long = "dob", value_name = "DATE")]
    pub dobs: Vec<String>,
    /// An identifier of the party (passport, national ID, registration or IMO number;
    /// repeatable): one the list entry also records confirms.
    #[arg(long = "id", value_name = "ID")]
    pub ids: Vec<String>,
    /// Comma-separated list ids to search (default: all loaded).
    #[arg(long, value_delimiter = ',')]
    pub lists: Vec<String>,
    /// CSV with a `name` column (optional `country`, `kind`): one JSON line per row, in file
    /// order. Any length: the file is streamed and screened on every core.
    #[arg(long, value_name = "FILE.csv")]
    pub batch: Option<String>,
    /// Threads screening a batch (0: one per core).
    #[arg(long, default_value_t = 0)]
    pub threads: usize,
    /// Records read, screened and written at a time in a batch (tests use small parts to cross
    /// part boundaries).
    #[arg(long, default_value_t = crate::stream::PART_RECORDS, hide = true)]
    pub part_records: usize,
}

#[derive(Debug, Args)]
pub struct CompareArgs {
    /// JSON lines file (default: standard input).
    #[arg(default_value = "-")]
    pub file: String,
}

#[derive(Debug, Args)]
pub struct ClassifyArgs {
    /// The item description, e.g. "frequency inverter 800 Hz".
    pub query: String,
    /// How many candidates to show.
    #[arg(long, default_value_t = 5)]
    pub limit: usize,
}

#[derive(Debug, Args)]
pub struct ListsArgs {
    #[command(subcommand)]
    pub action: Option<ListsAction>,
}

#[derive(Debug, Subcommand)]
pub enum ListsAction {
    /// Show the bundled lists with publisher, date and entry count (the default).
    Show,
    /// Parse a list file and report its provenance, entry count and any bad records; exit 2 if
    /// it would replace a bundled list with nothing or with fewer than half its entries.
    Import {
        /// The file(s); OFAC legacy sets take sdn.csv plus add/alt/comments.
        files: Vec<String>,
        /// Accept an import that shrinks a bundled list (see above).
        #[arg(long)]
        allow_shrink: bool,
    },
    /// Download each bundled list from its publisher's URL into DIR (default `fetched-lists`),
    /// check it (format, parses, no less than half the previous version's entries) and say what
    /// changed. The files in DIR are replaced only when every list passed; exit 2 otherwise.
    Fetch(FetchArgs),
    /// Compare two versions of a list: the entries added, removed and changed (and which fields
    /// changed). Exit 0 when identical, 1 when they differ, 2 on a usage or input error.
    #[command(override_usage = "catchall lists diff [--format json|text] OLD... -- NEW...")]
    Diff {
        /// The old version's file(s), in any format `lists import` reads.
        #[arg(value_name = "OLD")]
        old: Vec<String>,
        /// The new version's file(s), after `--`.
        #[arg(value_name = "NEW", last = true)]
        new: Vec<String>,
    },
}

#[derive(Debug, Args)]
pub struct FetchArgs {
    /// Where the fetched files and their manifest (`fetched.json`) go; the previous fetch there is
    /// what the new one is compared with (the bundled lists when there is none).
    #[arg(long, value_name = "DIR", default_value = "fetched-lists")]
    pub out: String,
    /// A source table as JSON in the shape of data/sources/lists/fetch.toml (a mirror's URLs);
    /// default: the official table compiled in.
    #[arg(long, value_name = "FILE.json")]
    pub sources: Option<String>,
    /// Seconds allowed for each download, from connecting to the last byte.
    #[arg(long, value_name = "SECONDS", default_value_t = 300)]
    pub timeout: u64,
    /// Fetch only the sets holding these list ids (comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "ID")]
    pub only: Vec<String>,
    /// Accept a list with no entries or fewer than half of the previous version's.
    #[arg(long)]
    pub allow_shrink: bool,
}
