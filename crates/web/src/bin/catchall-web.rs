//! The Catchall web app (built by trunk for wasm32): mounts the Yew app into
//! `#catchall-app`. Pages that only embed the JS API (`static/embed.html`) have no such
//! element and get the API alone. All logic lives in the `catchall_web` library.
fn main() {
    catchall_web::browser::install_panic_hook();
    catchall_web::views::mount();
}
