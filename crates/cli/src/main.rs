//! The `catchall` command line. All logic lives in the `catchall_cli` library.
fn main() -> std::process::ExitCode {
    catchall_cli::main()
}
