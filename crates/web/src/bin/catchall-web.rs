//! The Catchall web app (built by trunk for wasm32): mounts the Yew app into
//! `#catchall-app`. Pages that only embed the JS API (`static/embed.html`) have no such
//! element and get the API alone. All logic lives in the `catchall_web` library.
fn main() {
    console_error_panic_hook::set_once();
    catchall_web::views::mount();
}
