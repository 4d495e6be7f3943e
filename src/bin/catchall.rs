//! The `catchall` command line. All logic lives in `catchall::cli`.
fn main() -> std::process::ExitCode {
    catchall::cli::main()
}
