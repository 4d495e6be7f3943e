//! The native `catchall` command line: a thin layer over the engine.
//!
//! Exit codes (ripgrep's convention): [`EXIT_CLEAR`] 0 = CLEAR / success,
//! [`EXIT_NOT_CLEAR`] 1 = a verdict other than CLEAR (or a `match` with hits),
//! [`EXIT_ERROR`] 2 = usage or input error. The code comes from the outcome, never from an
//! error's text: output written into a closed pipe (`catchall screen x.json | head -1`) is
//! dropped quietly and the command still exits with its verdict's code.

mod args;
mod classify;
mod compare;
mod fetch;
mod lists;
mod load;
mod match_;
mod screen;
mod stream;
mod verify;

pub use args::{Cli, Command, Format};
/// The batch CSV reader's pure parts (fuzzed in fuzz/, exercised in tests/limits.rs).
use std::io::Write;
use std::process::ExitCode;

/// CLEAR, or the command succeeded with nothing to report.
pub const EXIT_CLEAR: u8 = 0;
/// A verdict other than CLEAR, or hits found.
pub const EXIT_NOT_CLEAR: u8 = 1;
/// Usage or input error.
pub const EXIT_ERROR: u8 = 2;

/// An error the user can act on: printed to stderr, exit code 2.
#[derive(Debug)]
pub struct CliError(pub String);

impl std::fmt::Display for CliError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<std::io::Error> for CliError {
    fn from(e: std::io::Error) -> Self {
        CliError(e.to_string())
    }
}

/// Runs a parsed command line, writing results to `out`.
pub fn run(cli: Cli, out: &mut dyn Write) -> Result<u8, CliError> {
    match cli.command {
        Command::Screen(a) => screen::run(&a, cli.format, out),
        Command::Match(a) => match_::run(&a, cli.format, out),
        Command::Compare(a) => compare::run(&a, cli.format, out),
        Command::Classify(a) => classify::run(&a, cli.format, out),
        Command::Lists(a) => lists::run(&a, cli.format, out),
        Command::Verify(a) => verify::run(&a, cli.format, out),
    }
}

/// Reads a file argument, `-` meaning standard input.
pub(crate) fn read_input(path: &str) -> Result<String, CliError> {
    use std::io::Read;
    if path == "-" {
        let mut s = String::new();
        std::io::stdin().read_to_string(&mut s).map_err(|e| CliError(format!("stdin: {e}")))?;
        Ok(s)
    } else {
        std::fs::read_to_string(path).map_err(|e| CliError(format!("{path}: {e}")))
    }
}

/// Entry point of the `catchall` binary (`src/main.rs`).
pub fn main() -> ExitCode {
    use clap::Parser;
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { EXIT_ERROR } else { EXIT_CLEAR };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let stdout = std::io::stdout();
    let mut out = ClosedPipeIsQuiet { inner: stdout.lock(), closed: false };
    match run(cli, &mut out) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("catchall: {e}");
            ExitCode::from(EXIT_ERROR)
        }
    }
}

/// Standard output that a reader may close early (`| head`): once the pipe is closed, further
/// output is dropped instead of failing the command, so the exit code still says what the
/// screening found. Every other write error is passed on.
struct ClosedPipeIsQuiet<W> {
    inner: W,
    closed: bool,
}

impl<W: Write> Write for ClosedPipeIsQuiet<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.closed {
            return Ok(buf.len());
        }
        match self.inner.write(buf) {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(buf.len())
            }
            other => other,
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if self.closed {
            return Ok(());
        }
        match self.inner.flush() {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(())
            }
            other => other,
        }
    }
}
