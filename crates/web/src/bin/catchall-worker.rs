//! The Catchall screening worker (built by trunk for wasm32 with `data-type="worker"` and
//! loaded by the web app as `catchall-worker_loader.js`): parses imported list files and
//! screens batch files off the page's thread. All logic lives in `catchall_web::worker`.
fn main() {
    console_error_panic_hook::set_once();
    catchall_web::worker::start();
}
