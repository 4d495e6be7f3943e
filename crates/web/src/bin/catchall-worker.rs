//! The Catchall screening worker (built by trunk for wasm32 with `data-type="worker"` and
//! loaded by the web app as `catchall-worker_loader.js`): parses imported list files and
//! screens batch files off the page's thread. All logic lives in `catchall_web::worker`.
fn main() {
    catchall_web::worker::install_panic_hook();
    catchall_web::worker::start();
}
